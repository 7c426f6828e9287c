CREATE INDEX `ballots_round_choice_idx` ON `ballots` (`round_id`,`choice`);--> statement-breakpoint
CREATE INDEX `ballots_round_updated_idx` ON `ballots` (`round_id`,`updated_at`);
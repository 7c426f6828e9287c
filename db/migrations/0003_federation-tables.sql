CREATE TABLE `council_meeting_reports` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`handled_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `council_members` (
	`id` text PRIMARY KEY NOT NULL,
	`council_id` text NOT NULL,
	`member_body_id` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`joined_at` integer,
	`left_at` integer,
	`decided_by` text,
	`join_proposal_id` text,
	`leave_proposal_id` text,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_body_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_members_live_uq` ON `council_members` (`council_id`,`member_body_id`) WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX `council_members_body_idx` ON `council_members` (`member_body_id`,`status`);--> statement-breakpoint
CREATE TABLE `delegate_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`council_id` text NOT NULL,
	`user_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`mandate_text` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`election_proposal_id` text,
	`ended_at` integer,
	`end_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delegate_terms_council_idx` ON `delegate_terms` (`council_id`,`status`);--> statement-breakpoint
CREATE INDEX `delegate_terms_body_user_idx` ON `delegate_terms` (`assembly_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `federation_proposals` (
	`proposal_id` text PRIMARY KEY NOT NULL,
	`action` text NOT NULL,
	`body_id` text NOT NULL,
	`council_id` text NOT NULL,
	`council_proposal_id` text,
	`stance` text,
	`instructions` text,
	`term_id` text,
	`petition_id` text,
	`applied_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `federation_proposals_council_idx` ON `federation_proposals` (`council_id`,`action`);--> statement-breakpoint
CREATE INDEX `federation_proposals_cp_idx` ON `federation_proposals` (`council_proposal_id`);--> statement-breakpoint
CREATE TABLE `mandate_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`council_proposal_id` text NOT NULL,
	`user_id` text NOT NULL,
	`term_id` text NOT NULL,
	`home_body_id` text NOT NULL,
	`mandate_proposal_id` text NOT NULL,
	`stance` text NOT NULL,
	`choice` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`reported_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `delegate_terms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`home_body_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mandate_flags_round_user_uq` ON `mandate_flags` (`round_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `mandate_flags_home_idx` ON `mandate_flags` (`home_body_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `nominations` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`user_id` text NOT NULL,
	`nominated_by` text,
	`nominated_at` integer NOT NULL,
	`accepted_at` integer,
	`declined_at` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`nominated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_uq` ON `nominations` (`proposal_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `paper_ballots` (
	`batch_id` text NOT NULL,
	`line` integer NOT NULL,
	`round_id` text NOT NULL,
	`weight` integer NOT NULL,
	`ranking` text NOT NULL,
	PRIMARY KEY(`batch_id`, `line`),
	FOREIGN KEY (`batch_id`) REFERENCES `paper_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_ballots_round_idx` ON `paper_ballots` (`round_id`);--> statement-breakpoint
CREATE TABLE `paper_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`ballots` integer NOT NULL,
	`imported_by` text,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `paper_batches_round_idx` ON `paper_batches` (`round_id`);--> statement-breakpoint
CREATE TABLE `ratification_results` (
	`council_proposal_id` text NOT NULL,
	`member_body_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`result` text NOT NULL,
	`decided_at` integer,
	PRIMARY KEY(`council_proposal_id`, `member_body_id`),
	FOREIGN KEY (`council_proposal_id`) REFERENCES `ratifications`(`council_proposal_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_body_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ratifications` (
	`council_proposal_id` text PRIMARY KEY NOT NULL,
	`council_id` text NOT NULL,
	`threshold` text NOT NULL,
	`strict` integer NOT NULL,
	`charter_version` integer NOT NULL,
	`started_by` text,
	`started_at` integer NOT NULL,
	`outcome` text,
	`decided_at` integer,
	`explanation_en` text,
	`explanation_es` text,
	FOREIGN KEY (`council_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `recall_petitions` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`assembly_id` text NOT NULL,
	`reason` text NOT NULL,
	`started_by` text,
	`started_at` integer NOT NULL,
	`needed` integer NOT NULL,
	`charter_version` integer NOT NULL,
	`status` text NOT NULL,
	`recall_proposal_id` text,
	`closed_at` integer,
	FOREIGN KEY (`term_id`) REFERENCES `delegate_terms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recall_petitions_live_uq` ON `recall_petitions` (`term_id`) WHERE status in ('collecting', 'voting');--> statement-breakpoint
CREATE INDEX `recall_petitions_assembly_idx` ON `recall_petitions` (`assembly_id`,`status`);--> statement-breakpoint
CREATE TABLE `recall_signatures` (
	`petition_id` text NOT NULL,
	`user_id` text NOT NULL,
	`signed_at` integer NOT NULL,
	PRIMARY KEY(`petition_id`, `user_id`),
	FOREIGN KEY (`petition_id`) REFERENCES `recall_petitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `report_back_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`report_back_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_back_id`) REFERENCES `report_backs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_back_comments_idx` ON `report_back_comments` (`report_back_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `report_backs` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`assembly_id` text NOT NULL,
	`council_id` text NOT NULL,
	`user_id` text NOT NULL,
	`council_meeting_id` text,
	`due_at` integer,
	`title` text,
	`body` text,
	`submitted_at` integer,
	`agenda_item_id` text,
	`agenda_meeting_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `delegate_terms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_backs_term_meeting_uq` ON `report_backs` (`term_id`,`council_meeting_id`);--> statement-breakpoint
CREATE INDEX `report_backs_assembly_idx` ON `report_backs` (`assembly_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `report_backs_due_idx` ON `report_backs` (`submitted_at`,`due_at`);
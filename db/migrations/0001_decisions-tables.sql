CREATE TABLE `amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`base_revision` integer NOT NULL,
	`author_id` text,
	`title` text,
	`body` text NOT NULL,
	`charter` text,
	`note` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`result_revision` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `amendments_proposal_idx` ON `amendments` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`user_id` text NOT NULL,
	`choice` text NOT NULL,
	`reason` text,
	`text` text,
	`ranking` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballots_round_user_uq` ON `ballots` (`round_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`parent_id` text,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comments_proposal_idx` ON `comments` (`proposal_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `proposal_options` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`user_id` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_options_uq` ON `proposal_options` (`proposal_id`,`position`);--> statement-breakpoint
CREATE TABLE `proposal_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`charter` text,
	`author_id` text,
	`amendment_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_revisions_uq` ON `proposal_revisions` (`proposal_id`,`number`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`author_id` text,
	`title` text NOT NULL,
	`current_revision` integer NOT NULL,
	`seats` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_assembly_number_uq` ON `proposals` (`assembly_id`,`number`);--> statement-breakpoint
CREATE INDEX `proposals_assembly_status_idx` ON `proposals` (`assembly_id`,`status`);--> statement-breakpoint
CREATE TABLE `round_electorate` (
	`round_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`round_id`, `user_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
-- Secret ballots (docs/domain.md#secret-ballots): WITHOUT ROWID added by hand so no rowid records insertion order.
CREATE TABLE `round_participation` (
	`round_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`round_id`, `user_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`method` text NOT NULL,
	`rule` text NOT NULL,
	`ballot_kind` text NOT NULL,
	`secret` integer NOT NULL,
	`mode` text NOT NULL,
	`meeting_id` text,
	`opened_by` text,
	`opened_at` integer NOT NULL,
	`deadline` integer,
	`closed_at` integer,
	`closed_by` text,
	`charter_version` integer NOT NULL,
	`electorate_size` integer NOT NULL,
	`present_count` integer,
	`hand_count` text,
	`outcome` text,
	`figures` text,
	`explanation_en` text,
	`explanation_es` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_proposal_number_uq` ON `rounds` (`proposal_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_one_open_uq` ON `rounds` (`proposal_id`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `rounds_due_idx` ON `rounds` (`closed_at`,`deadline`);--> statement-breakpoint
CREATE TABLE `secret_ballots` (
	`round_id` text NOT NULL,
	`receipt_hash` text NOT NULL,
	`choice` text NOT NULL,
	`reason` text,
	`text` text,
	`ranking` text,
	PRIMARY KEY(`round_id`, `receipt_hash`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;

CREATE TABLE `aid_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`key` text,
	`name` text DEFAULT '' NOT NULL,
	`expiry_days` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `aid_categories_assembly_idx` ON `aid_categories` (`assembly_id`,`position`);--> statement-breakpoint
CREATE TABLE `aid_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`seq` integer NOT NULL,
	`direction` text NOT NULL,
	`amount` integer NOT NULL,
	`purpose` text NOT NULL,
	`allowed_by` text,
	`allowing_proposal_id` text,
	`recipient_name` text,
	`balance_after` integer NOT NULL,
	`record_seq` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `aid_programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`allowing_proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aid_ledger_seq_uq` ON `aid_ledger` (`programme_id`,`seq`);--> statement-breakpoint
CREATE TABLE `aid_matches` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`post_id` text NOT NULL,
	`other_id` text,
	`proposed_by` text,
	`status` text DEFAULT 'proposed' NOT NULL,
	`owner_contact` text DEFAULT '' NOT NULL,
	`other_contact` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`accepted_at` integer,
	`accepted_by` text,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `aid_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `aid_matches_post_idx` ON `aid_matches` (`post_id`);--> statement-breakpoint
CREATE INDEX `aid_matches_other_idx` ON `aid_matches` (`other_id`);--> statement-breakpoint
CREATE TABLE `aid_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`match_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`match_id`) REFERENCES `aid_matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `aid_messages_match_idx` ON `aid_messages` (`match_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `aid_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text,
	`category_id` text NOT NULL,
	`zone_id` text,
	`title` text NOT NULL,
	`quantity` text DEFAULT '' NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`window_start` integer,
	`window_end` integer,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`shareable` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`expires_at` integer NOT NULL,
	`closed_at` integer,
	`purged_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`category_id`) REFERENCES `aid_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `aid_zones`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `aid_posts_assembly_idx` ON `aid_posts` (`assembly_id`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `aid_posts_author_idx` ON `aid_posts` (`author_id`);--> statement-breakpoint
CREATE INDEX `aid_posts_closed_idx` ON `aid_posts` (`closed_at`);--> statement-breakpoint
CREATE TABLE `aid_programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`coordinator_limit` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`adopted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aid_programmes_proposal_id_unique` ON `aid_programmes` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `aid_programmes_assembly_idx` ON `aid_programmes` (`assembly_id`);--> statement-breakpoint
CREATE TABLE `aid_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`agenda_item_id` text,
	`since` integer NOT NULL,
	`figures` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `aid_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`post_id` text NOT NULL,
	`from_assembly_id` text NOT NULL,
	`council_id` text NOT NULL,
	`shared_by` text,
	`status` text DEFAULT 'open' NOT NULL,
	`helper_assembly_id` text,
	`helper_coordinator_id` text,
	`helper_person_id` text,
	`offer_note` text DEFAULT '' NOT NULL,
	`from_contact` text DEFAULT '' NOT NULL,
	`helper_contact` text DEFAULT '' NOT NULL,
	`from_agreed` integer DEFAULT false NOT NULL,
	`helper_agreed` integer DEFAULT false NOT NULL,
	`from_person_contact` text DEFAULT '' NOT NULL,
	`helper_person_contact` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`matched_at` integer,
	`met_at` integer,
	FOREIGN KEY (`post_id`) REFERENCES `aid_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`council_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`helper_assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`helper_coordinator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`helper_person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `aid_shares_council_idx` ON `aid_shares` (`council_id`,`status`);--> statement-breakpoint
CREATE INDEX `aid_shares_post_idx` ON `aid_shares` (`post_id`);--> statement-breakpoint
CREATE TABLE `aid_shift_series` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`title` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`first_starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`every_weeks` integer DEFAULT 1 NOT NULL,
	`weeks_ahead` integer DEFAULT 4 NOT NULL,
	`slots` text NOT NULL,
	`ended_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `aid_shift_signups` (
	`slot_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`slot_id`, `user_id`),
	FOREIGN KEY (`slot_id`) REFERENCES `aid_shift_slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `aid_shift_signups_user_idx` ON `aid_shift_signups` (`user_id`);--> statement-breakpoint
CREATE TABLE `aid_shift_slots` (
	`id` text PRIMARY KEY NOT NULL,
	`shift_id` text NOT NULL,
	`role` text NOT NULL,
	`max` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `aid_shifts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `aid_shift_slots_shift_idx` ON `aid_shift_slots` (`shift_id`);--> statement-breakpoint
CREATE TABLE `aid_shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`series_id` text NOT NULL,
	`assembly_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `aid_shift_series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aid_shifts_series_start_uq` ON `aid_shifts` (`series_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `aid_shifts_assembly_idx` ON `aid_shifts` (`assembly_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `aid_zones` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aid_zones_name_uq` ON `aid_zones` (`assembly_id`,`name`);--> statement-breakpoint
ALTER TABLE `memberships` ADD `aid_coordinator` integer DEFAULT false NOT NULL;
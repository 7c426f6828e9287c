CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text,
	`text` text NOT NULL,
	`owner_user_id` text,
	`owner_name` text DEFAULT '' NOT NULL,
	`due_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_items_meeting_idx` ON `action_items` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`presenter_user_id` text,
	`timebox_minutes` integer NOT NULL,
	`proposal_id` text,
	`report_back_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`suggested_by` text,
	`notes` text DEFAULT '' NOT NULL,
	`spent_ms` integer DEFAULT 0 NOT NULL,
	`extended_seconds` integer DEFAULT 0 NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`carried_from_item_id` text,
	`carried_to_meeting_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`presenter_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`suggested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agenda_items_meeting_idx` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`method` text NOT NULL,
	`checked_in_by` text,
	`checked_in_at` integer NOT NULL,
	`left_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_meeting_user_uq` ON `attendance` (`meeting_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `meeting_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text NOT NULL,
	`round_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_rounds_round_id_unique` ON `meeting_rounds` (`round_id`);--> statement-breakpoint
CREATE INDEX `meeting_rounds_meeting_idx` ON `meeting_rounds` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer DEFAULT 120 NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`short_notice` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`code` text NOT NULL,
	`facilitator_id` text,
	`note_taker_id` text,
	`timekeeper_id` text,
	`current_item_id` text,
	`current_item_started_at` integer,
	`extended_seconds` integer DEFAULT 0 NOT NULL,
	`progressive_stack` integer DEFAULT false NOT NULL,
	`speaking_limit_seconds` integer,
	`started_at` integer,
	`closed_at` integer,
	`minutes_summary` text DEFAULT '' NOT NULL,
	`minutes_rev` integer DEFAULT 0 NOT NULL,
	`minutes_adopted_at` integer,
	`minutes_adopted_in_meeting_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facilitator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`note_taker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`timekeeper_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_code_unique` ON `meetings` (`code`);--> statement-breakpoint
CREATE INDEX `meetings_assembly_starts_idx` ON `meetings` (`assembly_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `stack_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`item_id` text,
	`status` text DEFAULT 'waiting' NOT NULL,
	`position` integer NOT NULL,
	`added_by` text,
	`raised_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `stack_meeting_idx` ON `stack_entries` (`meeting_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `stack_one_hand_uq` ON `stack_entries` (`meeting_id`,`user_id`) WHERE status in ('waiting', 'speaking');--> statement-breakpoint
ALTER TABLE `rounds` ADD `revision` integer DEFAULT 1 NOT NULL;
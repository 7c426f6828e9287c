CREATE TABLE `poll_answers` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	`answer` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `poll_answers_user_idx` ON `poll_answers` (`user_id`);--> statement-breakpoint
CREATE TABLE `poll_options` (
	`id` text PRIMARY KEY NOT NULL,
	`poll_id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`starts_at` integer,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `poll_options_uq` ON `poll_options` (`poll_id`,`position`);--> statement-breakpoint
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`method` text,
	`hide_results` integer DEFAULT false NOT NULL,
	`binding` integer DEFAULT false NOT NULL,
	`duration_minutes` integer,
	`place` text DEFAULT '' NOT NULL,
	`author_id` text,
	`created_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`result` text,
	`meeting_id` text,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `polls_assembly_number_uq` ON `polls` (`assembly_id`,`number`);--> statement-breakpoint
CREATE INDEX `polls_due_idx` ON `polls` (`closed_at`,`closes_at`);--> statement-breakpoint
CREATE TABLE `proxies` (
	`id` text PRIMARY KEY NOT NULL,
	`assembly_id` text NOT NULL,
	`giver_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`meeting_id` text,
	`proposal_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`giver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proxies_giver_meeting_uq` ON `proxies` (`giver_id`,`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `proxies_giver_proposal_uq` ON `proxies` (`giver_id`,`proposal_id`);--> statement-breakpoint
CREATE INDEX `proxies_holder_idx` ON `proxies` (`holder_id`);--> statement-breakpoint
CREATE TABLE `round_proxies` (
	`round_id` text NOT NULL,
	`giver_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`cast` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`round_id`, `giver_id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`giver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `round_proxies_holder_idx` ON `round_proxies` (`round_id`,`holder_id`);
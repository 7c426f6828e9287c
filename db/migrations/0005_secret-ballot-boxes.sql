CREATE TABLE `round_keys` (
	`round_id` text PRIMARY KEY NOT NULL,
	`public_key` blob NOT NULL,
	`sealed` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- WITHOUT ROWID added by hand: no rowid records the order ballots were sealed in.
CREATE TABLE `sealed_ballots` (
	`round_id` text NOT NULL,
	`id` text NOT NULL,
	`change_tag` text,
	`box` blob NOT NULL,
	PRIMARY KEY(`round_id`, `id`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `sealed_ballots_change_uq` ON `sealed_ballots` (`round_id`,`change_tag`);--> statement-breakpoint
CREATE TABLE `teller_keys` (
	`assembly_id` text NOT NULL,
	`user_id` text NOT NULL,
	`public_key` blob NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`assembly_id`, `user_id`),
	FOREIGN KEY (`assembly_id`) REFERENCES `assemblies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `rounds` ADD `receipts` integer DEFAULT true NOT NULL;
CREATE TABLE `sync_mutations` (
	`org_id` text NOT NULL,
	`mutation_id` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`org_id`, `mutation_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `accounts_org_username` ON `accounts` (`org_id`,`username`);--> statement-breakpoint
CREATE INDEX `people_org_name` ON `people` (`org_id`,`name`);
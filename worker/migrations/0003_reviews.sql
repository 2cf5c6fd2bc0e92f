CREATE TABLE `daily_checks` (
	`org_id` text NOT NULL,
	`day` text NOT NULL,
	`finished_at` integer NOT NULL,
	`notified` integer NOT NULL,
	PRIMARY KEY(`org_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `finding_dismissals` (
	`org_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`reason` text NOT NULL,
	`expires_at` integer NOT NULL,
	`dismissed_at` integer NOT NULL,
	`dismissed_by` text NOT NULL,
	PRIMARY KEY(`org_id`, `finding_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`key` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`detail` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`webhook_sent_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_org_key` ON `notifications` (`org_id`,`key`);--> statement-breakpoint
CREATE INDEX `notifications_org_created` ON `notifications` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `org_webhooks` (
	`org_id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_status` integer,
	`last_attempt_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`system_ids` text NOT NULL,
	`reviewer_ids` text NOT NULL,
	`due_at` integer NOT NULL,
	`default_decision` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`closed_by_name` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_campaigns_org` ON `review_campaigns` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `review_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`account_id` text NOT NULL,
	`system_id` text NOT NULL,
	`system_name` text NOT NULL,
	`username` text NOT NULL,
	`display_name` text,
	`account_email` text,
	`account_status` text NOT NULL,
	`owner_person_id` text,
	`owner_name` text,
	`owner_email` text,
	`job_role_name` text,
	`user_person_ids` text NOT NULL,
	`permissions` text NOT NULL,
	`last_sign_in_at` integer,
	`findings` text NOT NULL,
	`decision` text,
	`new_permissions` text,
	`comment` text,
	`decided_by` text,
	`decided_by_name` text,
	`decided_at` integer,
	`defaulted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `review_campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_items_campaign_order` ON `review_items` (`campaign_id`,`system_name`,`username`,`id`);--> statement-breakpoint
CREATE INDEX `review_items_campaign_decider` ON `review_items` (`campaign_id`,`decided_by`);--> statement-breakpoint
CREATE TABLE `todos` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`review_item_id` text,
	`account_id` text NOT NULL,
	`system_id` text NOT NULL,
	`label` text NOT NULL,
	`action` text NOT NULL,
	`target_permissions` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`closed_via` text,
	`closed_by` text,
	`closed_comment` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `todos_dedupe` ON `todos` (`org_id`,`source`,`source_id`,`account_id`,`action`);--> statement-breakpoint
CREATE INDEX `todos_org_status` ON `todos` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `todos_system_open` ON `todos` (`system_id`,`status`);
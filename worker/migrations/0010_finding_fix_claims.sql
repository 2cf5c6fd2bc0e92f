-- A member's word that a finding is fixed, waiting for the next captured user list of its system
-- to confirm it (the finding gone) or show it still present. One claim per finding: a new one
-- replaces the last; the audit trail keeps them all.
CREATE TABLE `finding_fix_claims` (
	`org_id` text NOT NULL,
	`finding_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`title` text NOT NULL,
	`system_id` text,
	`claimed_at` integer NOT NULL,
	`claimed_by` text NOT NULL,
	`status` text NOT NULL,
	`checked_at` integer,
	`evidence` text,
	PRIMARY KEY(`org_id`, `finding_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `finding_fix_claims_org_status` ON `finding_fix_claims` (`org_id`,`status`);

-- Findings kept as rows, recomputed on the first read after the data they come from changes.
-- `findings_generation` moves on with every change to what the rules read (the triggers below, so
-- no write path can forget it); `finding_sets` says which generation and hour the rows of
-- `findings` were computed for.
ALTER TABLE `organisations` ADD `findings_generation` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TABLE `finding_sets` (
	`org_id` text PRIMARY KEY NOT NULL REFERENCES `organisations`(`id`),
	`generation` integer NOT NULL,
	`as_of` integer NOT NULL,
	`checked` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`org_id` text NOT NULL REFERENCES `organisations`(`id`),
	`position` integer NOT NULL,
	`id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`system_id` text,
	`person_ids` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`org_id`, `position`)
);
--> statement-breakpoint
CREATE INDEX `findings_org_id` ON `findings` (`org_id`,`id`);
--> statement-breakpoint
CREATE TRIGGER `organisations_settings_findings` AFTER UPDATE OF `settings` ON `organisations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `people_insert_findings` AFTER INSERT ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `people_update_findings` AFTER UPDATE ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `people_delete_findings` AFTER DELETE ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `systems_insert_findings` AFTER INSERT ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `systems_update_findings` AFTER UPDATE ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `systems_delete_findings` AFTER DELETE ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `job_roles_insert_findings` AFTER INSERT ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `job_roles_update_findings` AFTER UPDATE ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `job_roles_delete_findings` AFTER DELETE ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_insert_findings` AFTER INSERT ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_update_findings` AFTER UPDATE ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_delete_findings` AFTER DELETE ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_insert_findings` AFTER INSERT ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_update_findings` AFTER UPDATE ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_delete_findings` AFTER DELETE ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_insert_findings` AFTER INSERT ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_update_findings` AFTER UPDATE ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_delete_findings` AFTER DELETE ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
END;

-- Findings recomputed for what a change can affect rather than the whole organisation. Every
-- change to what the rules read notes its keys in `findings_dirty` (an account, a person, a job
-- role, a system, a system's reviews, or the organisation's settings), from triggers so no write
-- path can forget; the next read recomputes the findings of those keys alone and deletes the notes
-- it has dealt with. A note made again is deleted and inserted anew (a new `seq`), not replaced
-- with INSERT OR REPLACE: an upsert firing the trigger would impose its own conflict handling. `findings_generation` still moves on with every change, so a read knows in one
-- row whether anything changed.
--
-- `findings` is rebuilt (its rows are derived; `finding_sets` is emptied so the next read computes
-- them afresh): rows are keyed by finding id, ordered by `rank` (severity, then the rules' table
-- order) and id, and an account's findings carry its id so they can be replaced on their own.
DROP TABLE `findings`;
--> statement-breakpoint
DELETE FROM `finding_sets`;
--> statement-breakpoint
CREATE TABLE `findings` (
	`org_id` text NOT NULL REFERENCES `organisations`(`id`),
	`id` text NOT NULL,
	`rank` integer NOT NULL,
	`account_id` text,
	`fingerprint` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`system_id` text,
	`person_ids` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`org_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `findings_org_rank` ON `findings` (`org_id`,`rank`,`id`);
--> statement-breakpoint
CREATE INDEX `findings_org_system` ON `findings` (`org_id`,`system_id`);
--> statement-breakpoint
CREATE INDEX `findings_org_account` ON `findings` (`org_id`,`account_id`);
--> statement-breakpoint
CREATE TABLE `findings_dirty` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_dirty_key` ON `findings_dirty` (`org_id`,`kind`,`key`);
--> statement-breakpoint
DROP TRIGGER `organisations_settings_findings`;
--> statement-breakpoint
CREATE TRIGGER `organisations_settings_findings` AFTER UPDATE OF `settings` ON `organisations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`id` AND `kind` = 'org' AND `key` = '';
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`id`, 'org', '');
END;
--> statement-breakpoint
DROP TRIGGER `people_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `people_insert_findings` AFTER INSERT ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'person' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'person', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `people_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `people_update_findings` AFTER UPDATE ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'person' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'person', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `people_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `people_delete_findings` AFTER DELETE ON `people` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'person' AND `key` = OLD.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'person', OLD.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `systems_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `systems_insert_findings` AFTER INSERT ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'system' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'system', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `systems_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `systems_update_findings` AFTER UPDATE ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'system' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'system', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `systems_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `systems_delete_findings` AFTER DELETE ON `systems` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'system' AND `key` = OLD.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'system', OLD.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `job_roles_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `job_roles_insert_findings` AFTER INSERT ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'role' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'role', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `job_roles_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `job_roles_update_findings` AFTER UPDATE ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'role' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'role', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `job_roles_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `job_roles_delete_findings` AFTER DELETE ON `job_roles` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'role' AND `key` = OLD.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'role', OLD.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `accounts_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `accounts_insert_findings` AFTER INSERT ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', NEW.`id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` = NEW.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'group', NEW.`system_id`);
END;
--> statement-breakpoint
DROP TRIGGER `accounts_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `accounts_update_findings` AFTER UPDATE ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', NEW.`id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` = NEW.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'group', NEW.`system_id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` = OLD.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'group', OLD.`system_id`);
END;
--> statement-breakpoint
DROP TRIGGER `accounts_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `accounts_delete_findings` AFTER DELETE ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'account' AND `key` = OLD.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'account', OLD.`id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'group' AND `key` = OLD.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'group', OLD.`system_id`);
END;
--> statement-breakpoint
DROP TRIGGER `sign_in_observations_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_insert_findings` AFTER INSERT ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = NEW.`account_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', NEW.`account_id`);
END;
--> statement-breakpoint
DROP TRIGGER `sign_in_observations_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_update_findings` AFTER UPDATE ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = NEW.`account_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', NEW.`account_id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = OLD.`account_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', OLD.`account_id`);
END;
--> statement-breakpoint
DROP TRIGGER `sign_in_observations_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `sign_in_observations_delete_findings` AFTER DELETE ON `sign_in_observations` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'account' AND `key` = OLD.`account_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (OLD.`org_id`, 'account', OLD.`account_id`);
END;
--> statement-breakpoint
DROP TRIGGER `review_campaigns_insert_findings`;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_insert_findings` AFTER INSERT ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` IN (SELECT `value` FROM json_each(NEW.`system_ids`));
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) SELECT DISTINCT NEW.`org_id`, 'group', `value` FROM json_each(NEW.`system_ids`);
END;
--> statement-breakpoint
DROP TRIGGER `review_campaigns_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_update_findings` AFTER UPDATE ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` IN (SELECT `value` FROM json_each(NEW.`system_ids`));
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) SELECT DISTINCT NEW.`org_id`, 'group', `value` FROM json_each(NEW.`system_ids`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` IN (SELECT `value` FROM json_each(OLD.`system_ids`));
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) SELECT DISTINCT NEW.`org_id`, 'group', `value` FROM json_each(OLD.`system_ids`);
END;
--> statement-breakpoint
DROP TRIGGER `review_campaigns_delete_findings`;
--> statement-breakpoint
CREATE TRIGGER `review_campaigns_delete_findings` AFTER DELETE ON `review_campaigns` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = OLD.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = OLD.`org_id` AND `kind` = 'group' AND `key` IN (SELECT `value` FROM json_each(OLD.`system_ids`));
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) SELECT DISTINCT OLD.`org_id`, 'group', `value` FROM json_each(OLD.`system_ids`);
END;

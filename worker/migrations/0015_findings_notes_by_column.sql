-- A change notes only what the rules read of it (0011 noted every update). A person's update is
-- noted when a column the rules read changed: their name, job role, end date, status, or the row
-- deleted; their email, start date and leave reason are read by no rule, nor are the bookkeeping
-- columns every write moves (version, updated_at). A login's update always notes the login itself,
-- but its system's group of logins (the rules about several logins of one system: duplicate logins,
-- too many admins, a review overdue) only when what those rules read of a login changed: its
-- system, username, status, permissions, owner, or the row deleted; a sign-in recorded, a display
-- name or an email changed is the login's own business. Without a note, and without the findings
-- generation moving on, the stored findings stay current, as a full evaluation would find them the
-- same. test/worker/findings/findings-notes.test.ts holds each table's columns to these lists.
DROP TRIGGER `people_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `people_update_findings` AFTER UPDATE ON `people`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`org_id` IS NOT NEW.`org_id` OR OLD.`name` IS NOT NEW.`name`
	OR OLD.`job_role_id` IS NOT NEW.`job_role_id` OR OLD.`end_date` IS NOT NEW.`end_date`
	OR OLD.`status` IS NOT NEW.`status` OR OLD.`deleted` IS NOT NEW.`deleted`
BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'person' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'person', NEW.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `accounts_update_findings`;
--> statement-breakpoint
CREATE TRIGGER `accounts_update_findings` AFTER UPDATE ON `accounts` BEGIN
	UPDATE `organisations` SET `findings_generation` = `findings_generation` + 1 WHERE `id` = NEW.`org_id`;
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'account' AND `key` = NEW.`id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'account', NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_update_group_findings` AFTER UPDATE ON `accounts`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`org_id` IS NOT NEW.`org_id` OR OLD.`system_id` IS NOT NEW.`system_id`
	OR OLD.`username` IS NOT NEW.`username` OR OLD.`status` IS NOT NEW.`status`
	OR OLD.`permissions` IS NOT NEW.`permissions` OR OLD.`owner_person_id` IS NOT NEW.`owner_person_id`
	OR OLD.`deleted` IS NOT NEW.`deleted`
BEGIN
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` = NEW.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'group', NEW.`system_id`);
	DELETE FROM `findings_dirty` WHERE `org_id` = NEW.`org_id` AND `kind` = 'group' AND `key` = OLD.`system_id`;
	INSERT INTO `findings_dirty` (`org_id`, `kind`, `key`) VALUES (NEW.`org_id`, 'group', OLD.`system_id`);
END;

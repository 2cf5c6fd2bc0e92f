-- The daily check runs on each firm's own day, in its time zone: `day` is the firm's date of the
-- check, and `next_at` the start of its next day, when it is due again. A run takes the firms with
-- no check due later than now. Checks made before were keyed on the UTC day: due again at the end of it.
ALTER TABLE `daily_checks` ADD `next_at` integer NOT NULL DEFAULT 0;
UPDATE `daily_checks` SET `next_at` = (CAST(strftime('%s', `day`) AS INTEGER) + 86400) * 1000;
CREATE INDEX `daily_checks_org_next` ON `daily_checks` (`org_id`, `next_at`);

-- One login's page in a system's admin (`{login}` stands for the login): the leaver's checklist links
-- each login there. Empty for the systems that have none.
ALTER TABLE `systems` ADD `user_page_url` text;

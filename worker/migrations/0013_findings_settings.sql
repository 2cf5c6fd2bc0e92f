-- The rule settings a stored set of findings was evaluated with, beside the moment (`as_of`, now the
-- start of the organisation's day). A later read compares them with the organisation's settings and
-- the day: a changed threshold recomputes only the rules that read it, for the logins it can
-- affect, and a new day only the time-based rules' findings that can have moved. A set stored
-- before has none, and is recomputed whole once.
ALTER TABLE `finding_sets` ADD `settings` text;

-- The rules' revision a stored set of findings was evaluated under (shared/rules/registry.ts
-- RULES_REVISION). A build whose rules or classifier find differently raises it, and a set of
-- another revision, or of none (stored before), is recomputed whole on its next read.
ALTER TABLE `finding_sets` ADD `rules` integer;

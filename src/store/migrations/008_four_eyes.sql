-- The decision an alert waits to have confirmed: a true match, or (with the four-eyes rule on) a
-- false positive scoring high enough that clearing it takes two people too.
ALTER TABLE alerts ADD COLUMN decision text CHECK (decision IN ('true_match', 'false_positive'));
UPDATE alerts SET decision = status WHERE status IN ('true_match', 'false_positive');
UPDATE alerts SET decision = 'true_match' WHERE status = 'confirming';

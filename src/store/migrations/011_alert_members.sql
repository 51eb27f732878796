-- An alert stands for a designee: every list record of it (one or more per list, linked across
-- lists), its best-scoring record in entity_id. A later match on any of the records finds the
-- alert, and a decision on it holds for all of them. NULL in alerts raised before: they read as
-- the one record they were raised on (entity_id).
ALTER TABLE alerts ADD COLUMN members text[];
-- Closing the alerts of delisted records looks them up by any member.
CREATE INDEX alerts_members ON alerts USING gin (members) WHERE status IN ('open', 'confirming');

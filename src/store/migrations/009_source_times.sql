-- When the source itself says an entity was first seen, last seen and last changed (FtM exports
-- do: first_seen, last_seen, last_change), as that version gave it; null where the source says
-- nothing, and the version history is read instead (Store.entityTimelines).
ALTER TABLE version_entities ADD COLUMN seen jsonb;

-- When `update` last found the publisher still serving a version: a list is as fresh as that,
-- even when the publisher has not changed it for weeks.
ALTER TABLE list_versions ADD COLUMN confirmed_at timestamptz;

-- How a batch screening's upload was read (encoding, delimiter, rows with warnings) and the
-- lists it was screened against, as its status reports them.
ALTER TABLE screening_jobs ADD COLUMN reading jsonb;

-- Who made each API key: a key is its maker's too, so the four-eyes rule refuses a decision and
-- its confirmation where one of them made the other's key. Keys made before are read from the trail.
ALTER TABLE api_keys ADD COLUMN created_by text;
UPDATE api_keys k SET created_by = a.actor FROM audit_log a WHERE a.action = 'key.create' AND a.subject = 'key:' || k.id;

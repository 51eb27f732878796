-- When `update` last found the publisher still serving a version: a list is as fresh as that,
-- even when the publisher has not changed it for weeks.
ALTER TABLE list_versions ADD COLUMN confirmed_at timestamptz;

-- How a batch screening's upload was read (encoding, delimiter, rows with warnings) and the
-- lists it was screened against, as its status reports them.
ALTER TABLE screening_jobs ADD COLUMN reading jsonb;

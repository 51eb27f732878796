-- Batch screenings shared by a cluster: the upload's rows, split into chunks that any worker may
-- take, and one result per row (the primary key makes a chunk screened twice, after a worker
-- died mid-chunk, write each row once).
CREATE TABLE screening_jobs (
  id            text PRIMARY KEY,
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  input_format  text NOT NULL,
  output_format text NOT NULL,
  search        jsonb NOT NULL,
  total         integer NOT NULL,
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);

CREATE TABLE screening_rows (
  job_id  text NOT NULL,
  seq     integer NOT NULL,
  row     jsonb NOT NULL,
  PRIMARY KEY (job_id, seq)
);

CREATE TABLE screening_results (
  job_id   text NOT NULL,
  seq      integer NOT NULL,
  outcome  jsonb NOT NULL,
  matched  boolean NOT NULL,
  bad      boolean NOT NULL,
  PRIMARY KEY (job_id, seq)
);

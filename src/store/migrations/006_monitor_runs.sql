-- Re-screenings as runs of chunks that any process of a cluster may screen. A run records what
-- it screens against (versions, changed and delisted entities, threshold); a chunk is a list of
-- parties. A chunk's alerts and its row below commit together, and a chunk already recorded is
-- not screened again: a chunk retried after its worker died raises each alert once. The
-- chunk that completes the run closes the delisted entities' alerts and moves monitor_state.
CREATE TABLE monitor_runs (
  id          text PRIMARY KEY,
  mode        text NOT NULL CHECK (mode IN ('changes', 'full')),
  status      text NOT NULL CHECK (status IN ('running', 'done', 'abandoned')),
  versions    jsonb NOT NULL,
  changed     jsonb NOT NULL,
  gone        jsonb NOT NULL,
  threshold   double precision NOT NULL,
  actor       text NOT NULL,
  holder      text NOT NULL,
  chunks      integer NOT NULL,
  summary     jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE TABLE monitor_run_chunks (
  run_id  text NOT NULL REFERENCES monitor_runs (id),
  chunk   integer NOT NULL,
  counts  jsonb NOT NULL,
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, chunk)
);

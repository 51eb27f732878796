-- API keys: only a SHA-256 hash of each key is kept (keys are 32 random bytes, so a plain hash is
-- enough); a revoked key stays, marked, so that its id is never reused.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
  hash text NOT NULL UNIQUE,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

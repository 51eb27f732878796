-- Monitored parties: a compliance team's customers, screened again whenever a list changes.
-- `hash` changes when the party is edited; `screened_hash` is the hash last screened against
-- every current list (NULL: not yet), so that edited and new parties are screened in full.
CREATE TABLE parties (
  id            text PRIMARY KEY,
  schema        text NOT NULL,
  name          text NOT NULL,
  properties    jsonb NOT NULL,
  hash          text NOT NULL,
  screened_hash text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One alert per party and listed entity and change: what matched, how well, on which version.
-- status: open, confirming (a true match awaiting a second analyst), true_match,
-- false_positive, closed (the entity was delisted).
CREATE TABLE alerts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_id      text NOT NULL,
  party_hash    text NOT NULL,
  entity_id     text NOT NULL,
  caption       text NOT NULL,
  -- A hash of the entity's designations: a new alert is raised when they change.
  designations_hash text NOT NULL,
  datasets      text[] NOT NULL,
  version_id    text NOT NULL,
  score         double precision NOT NULL,
  explanation   jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirming', 'true_match', 'false_positive', 'closed')),
  decided_by    text,
  decided_at    timestamptz,
  note          text,
  confirmed_by  text,
  confirmed_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_pair ON alerts (party_id, entity_id, id DESC);
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_entity ON alerts (entity_id) WHERE status IN ('open', 'confirming');

-- Which version of each dataset the parties were last screened against.
CREATE TABLE monitor_state (
  dataset     text PRIMARY KEY,
  version_id  text NOT NULL,
  screened_at timestamptz NOT NULL DEFAULT now()
);

-- Settings changed at run time (the four-eyes rule, the alert threshold), audited.
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The audit trail: append-only, each entry carrying the hash of the one before it.
CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         text NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  subject    text,
  before     jsonb,
  after      jsonb,
  prev_hash  text NOT NULL,
  hash       text NOT NULL UNIQUE
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Immutable list versions: one row per publication of a dataset that was loaded.
CREATE TABLE list_versions (
  id            text PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  dataset       text NOT NULL,
  published     date,
  content_hash  text NOT NULL,
  loaded_at     timestamptz NOT NULL DEFAULT now(),
  entity_count  integer NOT NULL,
  source        text NOT NULL,
  format        text NOT NULL
);
CREATE UNIQUE INDEX list_versions_identity ON list_versions (dataset, content_hash, coalesce(published, '0001-01-01'::date));
CREATE INDEX list_versions_dataset ON list_versions (dataset, seq);

-- Entity contents, stored once by their order-free hash and shared by every version that has them.
CREATE TABLE entity_records (
  hash  text PRIMARY KEY,
  data  jsonb NOT NULL
);

-- Which entities (and which content of each) a version holds. No foreign keys: the store writes
-- these rows in the transaction that writes their version and records, and per-row key checks
-- doubled the cost of a load.
CREATE TABLE version_entities (
  version_id   text NOT NULL,
  entity_id    text NOT NULL,
  hash         text NOT NULL,
  schema       text NOT NULL,
  caption      text NOT NULL,
  collections  text[] NOT NULL,
  PRIMARY KEY (version_id, entity_id)
);
CREATE INDEX version_entities_entity ON version_entities (entity_id);

-- The current version of each dataset; moved in the same transaction that adds a version.
CREATE TABLE dataset_heads (
  dataset     text PRIMARY KEY,
  version_id  text NOT NULL REFERENCES list_versions (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

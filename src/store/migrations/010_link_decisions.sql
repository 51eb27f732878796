-- An analyst's word on whether two list records are one designee: `same` joins them whatever
-- linking finds, `different` keeps them apart. Kept by record ids, which the lists keep across
-- versions, so a decision holds for every later version. The newest decision on a pair stands;
-- each is audited.
CREATE TABLE link_decisions (
  id bigserial PRIMARY KEY,
  record_a text NOT NULL,
  record_b text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('same', 'different')),
  note text NOT NULL,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  CHECK (record_a < record_b)
);
CREATE INDEX link_decisions_pair ON link_decisions (record_a, record_b, id DESC);

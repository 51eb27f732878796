-- The travel-ban exemption register: the 1718 Committee's exemptions and national licences, each
-- for a person or group (listed records' ids and/or names), a purpose, dates, and the countries
-- of transit and destination it covers. Dates are kept as written (YYYY-MM-DD, validated before
-- storing); every exemption added or imported is audited.
CREATE TABLE exemptions (
  id bigserial PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  persons jsonb NOT NULL DEFAULT '[]',
  names jsonb NOT NULL DEFAULT '[]',
  purpose text NOT NULL,
  valid_from text NOT NULL,
  valid_to text NOT NULL,
  transit jsonb NOT NULL DEFAULT '[]',
  destination jsonb NOT NULL,
  conditions text,
  source text NOT NULL,
  authority text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from <= valid_to)
);
CREATE INDEX exemptions_dates ON exemptions (valid_from, valid_to);

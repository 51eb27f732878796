-- The petroleum ledgers (interdict petroleum): deliveries of refined petroleum products and
-- crude oil to the DPRK, each as reported (quantity and unit) and as counted (barrels, with the
-- barrels-per-tonne factor used and where it came from: the entry's own or the supplying
-- State's setting at the time it was recorded); the factors set per State; the ledger's
-- settings (the cease point). Every row written is audited.
CREATE TABLE petroleum_deliveries (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('refined', 'crude')),
  state text NOT NULL,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  day date,
  quantity double precision NOT NULL CHECK (quantity > 0),
  unit text NOT NULL CHECK (unit IN ('bbl', 't')),
  barrels double precision NOT NULL CHECK (barrels > 0),
  tonnes double precision,
  barrels_per_tonne double precision,
  factor_source text CHECK (factor_source IN ('entry', 'state')),
  source text NOT NULL,
  parties jsonb NOT NULL DEFAULT '[]',
  vessel jsonb,
  -- Where it was read from: a file and line, or an API request's item.
  origin text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (unit = 'bbl' OR (barrels_per_tonne IS NOT NULL AND factor_source IS NOT NULL))
);
CREATE INDEX petroleum_deliveries_period ON petroleum_deliveries (kind, month);
CREATE INDEX petroleum_deliveries_state ON petroleum_deliveries (state, month);

CREATE TABLE petroleum_factors (
  state text PRIMARY KEY,
  barrels_per_tonne double precision NOT NULL CHECK (barrels_per_tonne > 0),
  note text NOT NULL,
  set_by text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE petroleum_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  set_by text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now()
);

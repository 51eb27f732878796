-- One re-screening at a time across the nodes sharing a store: a lease, taken when free or
-- expired (a holder that died frees it when it expires).
CREATE TABLE monitor_lease (
  id         integer PRIMARY KEY CHECK (id = 1),
  holder     text NOT NULL,
  expires_at timestamptz NOT NULL
);

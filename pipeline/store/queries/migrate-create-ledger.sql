-- The migrations ledger, created once per schema. Params: none. Returns: nothing.
CREATE TABLE IF NOT EXISTS migrations (
  id         integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)

-- Session-private staging table for one import, dropped at commit or rollback.
-- Params: none. Returns: nothing.
CREATE TEMP TABLE layer_stage (
  fid           integer NOT NULL,
  wkb           text NOT NULL,       -- hex WKB in the source SRID
  dlbm          text,
  dlmc          text,
  approval_no   text,
  approval_doc  text,
  approval_date date,
  attrs         jsonb NOT NULL,
  js_repaired   boolean NOT NULL     -- degenerate rings already dropped on the client
) ON COMMIT DROP

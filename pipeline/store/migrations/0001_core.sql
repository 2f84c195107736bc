-- 0001: the core schema. Append-only: never edit a merged migration, add a new one.
-- Tables are unqualified: the store sets search_path, so tests can each use their own schema.
-- All geometries are stored in EPSG:4490 (CGCS2000 geographic); reported areas come from
-- ST_Area(geom::geography), the ellipsoidal area on CGCS2000 (= GRS80).

CREATE TABLE runs (
  id          text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'finished', 'failed')),
  region      text,                      -- XZQDM of the county, if given
  params      jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Progress per stage of a run: what `landwatch status RUN` shows.
CREATE TABLE run_stages (
  run_id     text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  stage      text NOT NULL,
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  done       integer NOT NULL DEFAULT 0,
  total      integer NOT NULL DEFAULT 0,
  error      text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage)
);

-- Source images of a run (the catalogue): footprint in 4490.
CREATE TABLE images (
  id        bigserial PRIMARY KEY,
  run_id    text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  role      text NOT NULL CHECK (role IN ('before', 'after')),
  path      text NOT NULL,
  acquired  date,
  width     integer NOT NULL,
  height    integer NOT NULL,
  bands     integer NOT NULL,
  crs       integer NOT NULL,
  meta      jsonb NOT NULL DEFAULT '{}'::jsonb,
  footprint geometry(Polygon, 4490) NOT NULL,
  UNIQUE (run_id, role, path)
);
CREATE INDEX images_footprint_gix ON images USING gist (footprint);

-- Work units: one window (with halo) of one before/after pair.
CREATE TABLE units (
  run_id     text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  unit_id    text NOT NULL,              -- deterministic, e.g. '<pair>:<col>:<row>'
  before_id  bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  after_id   bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  win        jsonb NOT NULL,             -- { core: PixelWindow, outer: PixelWindow } on the pair's grid
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts   integer NOT NULL DEFAULT 0,
  error      text,
  PRIMARY KEY (run_id, unit_id)
);

-- Change patches. patch_key is deterministic (derived from the geometry), so a re-run of a stage
-- upserts instead of duplicating.
CREATE TABLE patches (
  id             bigserial PRIMARY KEY,
  run_id         text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  patch_key      text NOT NULL,
  geom           geometry(MultiPolygon, 4490) NOT NULL,
  area_m2        double precision NOT NULL,
  pixel_count    integer,
  mean_magnitude double precision,
  ndvi_before    double precision,
  ndvi_after     double precision,
  change_type    text,
  confidence     double precision,
  props          jsonb NOT NULL DEFAULT '{}'::jsonb,   -- the patch's own properties (e.g. from a file)
  overlay        jsonb,                                -- areas per layer and DLBM code, approvals hit
  rule           text,
  severity       text CHECK (severity IN ('none', 'medium', 'high', 'severe')),
  suspected      boolean,
  rule_trace     jsonb,
  UNIQUE (run_id, patch_key)
);
CREATE INDEX patches_geom_gix ON patches USING gist (geom);

-- Baseline layers, versioned: a re-import adds a version and moves `current` atomically.
CREATE TABLE layers (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('landuse', 'farmland', 'approved', 'redline', 'plan')),
  version        integer NOT NULL,
  name           text NOT NULL,
  source         text NOT NULL,
  source_srid    integer,
  imported_at    timestamptz NOT NULL DEFAULT now(),
  feature_count  integer NOT NULL DEFAULT 0,
  repaired_count integer NOT NULL DEFAULT 0,
  skipped_count  integer NOT NULL DEFAULT 0,
  is_current     boolean NOT NULL DEFAULT false,
  UNIQUE (kind, version)
);
CREATE UNIQUE INDEX layers_one_current ON layers (kind) WHERE is_current;

-- Features of a layer, subdivided for fast overlay: pieces of one feature share `fid` and never
-- overlap each other, so areas can be summed over pieces.
CREATE TABLE layer_features (
  id            bigserial PRIMARY KEY,
  layer_id      bigint NOT NULL REFERENCES layers (id) ON DELETE CASCADE,
  fid           integer NOT NULL,
  dlbm          text,        -- landuse: GB/T 21010 code
  dlmc          text,        -- landuse: name
  approval_no   text,        -- approved: approval number
  approval_doc  text,        -- approved: document
  approval_date date,        -- approved: date
  attrs         jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom          geometry(Polygon, 4490) NOT NULL
);
CREATE INDEX layer_features_geom_gix ON layer_features USING gist (geom);
CREATE INDEX layer_features_layer_idx ON layer_features (layer_id);

-- Which layer versions a run used.
CREATE TABLE run_layers (
  run_id   text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  layer_id bigint NOT NULL REFERENCES layers (id),
  PRIMARY KEY (run_id, layer_id)
);

-- Clues: one per suspected-violation patch. JCBH = XZQDM + year + 5-digit sequence.
CREATE TABLE clues (
  jcbh          text PRIMARY KEY,
  original_jcbh text,                    -- set when this clue came from a split
  run_id        text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  patch_id      bigint REFERENCES patches (id) ON DELETE CASCADE,
  xzqdm         text NOT NULL,
  year          integer NOT NULL,
  seq           integer NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  record        jsonb NOT NULL,          -- the clue.v1 record (without status/history)
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (xzqdm, year, seq),
  UNIQUE (patch_id)
);

-- Append-only history of a clue; its status is the latest event's status.
CREATE TABLE clue_events (
  id      bigserial PRIMARY KEY,
  jcbh    text NOT NULL REFERENCES clues (jcbh) ON DELETE CASCADE,
  at      timestamptz NOT NULL DEFAULT now(),
  status  text NOT NULL CHECK (status IN ('suspected', 'field_verified', 'judged', 'split')),
  verdict text CHECK (verdict IN ('合法', '违法', '其他')),
  actor   text NOT NULL,
  reason  text,
  data    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX clue_events_jcbh_idx ON clue_events (jcbh, id);

CREATE FUNCTION clue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'clue_events is append-only';
END $$;
CREATE TRIGGER clue_events_no_update BEFORE UPDATE OR DELETE ON clue_events
  FOR EACH ROW EXECUTE FUNCTION clue_events_append_only();

-- Transactional outbox for delivery to case systems.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  jcbh            text NOT NULL REFERENCES clues (jcbh) ON DELETE CASCADE,
  version         integer NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  response_status integer,
  response_body   text,
  delivered_at    timestamptz,
  UNIQUE (jcbh, version)
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending';

-- 0002: what a run needs beyond 0001: image pairs with their scene model, per-unit detection
-- results (small JSON pieces, so a queue job carries only {runId, unitId}), per-input problems
-- (a corrupt tile is reported, not fatal), and the submission generation used by resume.

CREATE TABLE pairs (
  run_id    text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  pair_id   text NOT NULL,                -- deterministic: 'p<before_id>-<after_id>'
  before_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  after_id  bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  grid      jsonb,                        -- the pair's common Grid (set by the cut stage)
  model     jsonb,                        -- the fitted SceneModel (set by the cut stage)
  PRIMARY KEY (run_id, pair_id)
);

ALTER TABLE units ADD COLUMN pair_id text;
ALTER TABLE units ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Detection output of one unit: PatchPiece[] as JSON. Upserted, so a re-run of a unit replaces it.
CREATE TABLE unit_pieces (
  run_id  text NOT NULL,
  unit_id text NOT NULL,
  pieces  jsonb NOT NULL,
  PRIMARY KEY (run_id, unit_id),
  FOREIGN KEY (run_id, unit_id) REFERENCES units (run_id, unit_id) ON DELETE CASCADE
);

ALTER TABLE patches ADD COLUMN pair_id text;

-- Problems that did not stop the run: a tile that could not be read, a pair that could not be
-- opened. `subject` names the input (a path or a pair id).
CREATE TABLE run_problems (
  run_id  text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  stage   text NOT NULL,
  subject text NOT NULL,
  code    text,
  message text NOT NULL,
  at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage, subject)
);

-- Incremented by each (re)submission to a queue; job ids carry it so a resubmission never collides
-- with jobs of a lost or failed earlier one.
ALTER TABLE runs ADD COLUMN generation integer NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN error text;

-- 0022: one scene model per imagery of a run (the tiles of one acquisition pair, see
-- imageryKey), fitted once on samples from all its pairs and copied, with each pair's own shift
-- (or this model's, the imagery's, where the pair cannot estimate one), into pairs.model by the
-- pair's cut.
CREATE TABLE shared_models (
  run_id  text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  imagery text NOT NULL,
  model   jsonb NOT NULL,
  PRIMARY KEY (run_id, imagery)
);

-- 0020: evidence files per clue (chips, HTML page), written by renderEvidence. One row per (clue, kind);
-- a re-render replaces the row and bumps clues.version, so the changed record is delivered again.
CREATE TABLE clue_evidence (
  jcbh       text NOT NULL REFERENCES clues (jcbh) ON DELETE CASCADE,
  kind       text NOT NULL,              -- e.g. 'before_true', 'after_false', 'html'
  path       text NOT NULL,
  media_type text,
  sha256     text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (jcbh, kind)
);

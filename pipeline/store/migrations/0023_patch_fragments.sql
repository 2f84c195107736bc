-- 0023: a patch that touches its tile's edge but fails the minimum area or the object-level test
-- may be the part of a change that a tile border cut. The merge keeps it as a fragment until it is
-- judged joined with what lies across the border; no fragment is left once the merge stage is done.
-- Every patch on a tile's edge (in a run of several pairs) keeps its pixel statistics (PatchStats)
-- for that judgement.
ALTER TABLE patches ADD COLUMN fragment boolean NOT NULL DEFAULT false;
ALTER TABLE patches ADD COLUMN edge_stats jsonb;

-- 0023: a patch that touches its tile's edge but fails the minimum area or the object-level test
-- may be the part of a change that a tile border cut. The merge keeps it, with its pixel statistics
-- (PatchStats) here, until it is judged joined with what lies across the border; no fragment is
-- left once the merge stage is done.
ALTER TABLE patches ADD COLUMN fragment jsonb;

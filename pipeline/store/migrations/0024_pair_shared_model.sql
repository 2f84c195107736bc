-- 0024: whether a pair's scene model is its imagery's shared one (fitSharedModel, with the pair's
-- own shift) or the pair's own fit: a run of one pair, or a pair that the shared normalisation does
-- not fit (pairLook). Null for pairs cut before this column. summary.md's pair table shows it.
ALTER TABLE pairs ADD COLUMN shared_model boolean;

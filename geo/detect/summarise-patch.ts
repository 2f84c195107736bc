/**
 * Object-level decision for one change patch from its additive pixel statistics (sums of the
 * FEATURES channels and per-type pixel counts) and its shape (area m², perimeter m): mean magnitude,
 * mean vegetation index per date (NDVI only when NIR exists, else null), majority change type, a
 * confidence in [0, 1], and `keep = false` for objects that look like non-change (weak on average,
 * or slivers a pixel or two wide, typical of residual misregistration along edges).
 */
import { CHANGE_TYPES, type ChangeType, type PatchStats } from '../types.ts';
import { F_MAGNITUDE, F_STRONG, F_VEG_AFTER, F_VEG_BEFORE, type SceneModel } from './scene-model.ts';

export interface PatchSummary {
  keep: boolean;
  mean_magnitude: number;
  ndvi_before: number | null;
  ndvi_after: number | null;
  change_type: ChangeType;
  confidence: number;
}

/** Mean width 2·area/perimeter, in pixels, under which a patch is a sliver. */
const MIN_WIDTH_PX = 1.5;

export function summarisePatch(
  stats: PatchStats,
  shape: { areaM2: number; perimeterM: number },
  model: SceneModel,
): PatchSummary {
  const n = Math.max(1, stats.pixelCount);
  const mean = stats.featureSums[F_MAGNITUDE] / n;
  const strongFrac = stats.featureSums[F_STRONG] / n;
  let best = CHANGE_TYPES.length - 1;
  for (let k = 0; k < CHANGE_TYPES.length; k++) if ((stats.typeCounts[k] ?? 0) > (stats.typeCounts[best] ?? 0)) best = k;
  const ratio = mean / model.threshold;
  const widthPx = shape.perimeterM > 0 ? (2 * shape.areaM2) / shape.perimeterM / model.pixelSizeM : Infinity;
  const keep = mean >= model.objectThreshold && widthPx >= MIN_WIDTH_PX;
  const c = 0.6 * Math.min(1, Math.max(0, (ratio - 1) / 2)) + 0.4 * strongFrac;
  return {
    keep,
    mean_magnitude: mean,
    ndvi_before: model.hasNir ? stats.featureSums[F_VEG_BEFORE] / n : null,
    ndvi_after: model.hasNir ? stats.featureSums[F_VEG_AFTER] / n : null,
    change_type: CHANGE_TYPES[best],
    confidence: Math.min(1, Math.max(0, c)),
  };
}

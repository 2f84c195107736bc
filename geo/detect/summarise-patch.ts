/**
 * Object-level decision for one change patch from its additive pixel statistics (sums of the
 * FEATURES channels and per-type pixel counts) and its shape (area m², perimeter m): mean magnitude,
 * mean vegetation index per date (NDVI only when NIR exists, else null), majority change type, a
 * confidence in [0, 1], and `keep = false` for objects that look like non-change (weak on average,
 * or slivers a pixel or two wide, typical of residual misregistration along edges, or a brightness
 * change of unchanged spectral shape: a shadow shift).
 */
import { CHANGE_TYPES, type ChangeType, type PatchStats } from '../types.ts';
import { ORPHAN_MIN_AREA_M2 } from './orphan-shadows.ts';
import { F_ABS_LOG_BRIGHTNESS, F_ANGLE, F_LOG_BRIGHTNESS, F_MAGNITUDE, F_ORPHAN_SHADOW, F_RIM, F_STRONG, F_VANISHED_SHADOW, F_VEG_AFTER, F_VEG_BEFORE, type SceneModel } from './scene-model.ts';

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
/**
 * Illumination (shadow appearing or leaving): the patch as a whole changed brightness by more than
 * this ratio (|ln| > ln 1.25) ...
 */
const ILLUM_LOG_RATIO = Math.log(1.25);
/**
 * ... while its spectral shape barely moved: mean spectral angle (radians) under this fraction of
 * |mean ln brightness ratio|. Skylight-lit shadow is bluer, so the angle grows with the darkening,
 * but far slower than for a change of material (ponds, vegetation loss: angle ≳ 0.6 |ln ratio|;
 * shadow shifts on generated and GF-2-like scenes: ≤ 0.3 |ln ratio|).
 */
const ILLUM_ANGLE_PER_LOG = 0.4;
/**
 * Shadows of houses and trees are a few metres long: they form patches only on fine imagery. On
 * coarser pixels a brightness-only change is land change (bare ground built over, at 10 m OSCD).
 */
const MAX_SHADOW_PIXEL_M = 5;
/**
 * Share of a patch's pixels that are a shadow that left (joined beside the change, see detectWindow)
 * above which the patch is not an illumination change: the object casting that shadow changed.
 */
const VANISHED_SHADOW_SHARE = 0.05;
/**
 * The object threshold guards against patches that are a few noise peaks and the weak pixels
 * hysteresis grew around them. A mean over many pixels cannot come from noise: from SMALL_PIXELS to
 * LARGE_PIXELS the bar falls log-linearly from the object threshold to the pixel threshold. A fixed
 * bar made a real pair's whole detection hang on one giant component's mean (DSIFN 3_4: 30,634
 * pixels at 1.21 T, kept at the 1.2 T bar, lost at any higher threshold).
 */
const SMALL_PIXELS = 1_000;
const LARGE_PIXELS = 100_000;
/** Mean magnitude (× pixel threshold) a patch with a clear vegetation loss or brightening needs. */
const WEAK_OBJECT_RATIO = 0.8;

export function summarisePatch(
  stats: PatchStats,
  shape: { areaM2: number; perimeterM: number },
  model: SceneModel,
): PatchSummary {
  // Means are over the unmixed pixels: rim pixels carry 0 in every channel but their own (FEATURES).
  const n = Math.max(1, stats.pixelCount - (stats.featureSums[F_RIM] ?? 0));
  const mean = stats.featureSums[F_MAGNITUDE] / n;
  const strongFrac = stats.featureSums[F_STRONG] / n;
  let best = CHANGE_TYPES.length - 1;
  for (let k = 0; k < CHANGE_TYPES.length; k++) if ((stats.typeCounts[k] ?? 0) > (stats.typeCounts[best] ?? 0)) best = k;
  const ratio = mean / model.threshold;
  const widthPx = shape.perimeterM > 0 ? (2 * shape.areaM2) / shape.perimeterM / model.pixelSizeM : Infinity;
  // Illumination is judged on the pixels that are not a shadow that left (those carry 0 in both
  // channels): the changed body beside such a shadow.
  const vanished = stats.featureSums[F_VANISHED_SHADOW] ?? 0;
  const nBody = Math.max(1, n - vanished);
  const bodyLogB = stats.featureSums[F_LOG_BRIGHTNESS] / nBody;
  // A shadow's move brightens where it left and darkens where it fell: the signed mean cancels, the
  // spectral angle does not (patches from before this channel: the signed mean).
  const logB = (stats.featureSums[F_ABS_LOG_BRIGHTNESS] ?? Math.abs(stats.featureSums[F_LOG_BRIGHTNESS])) / nBody;
  const angle = stats.featureSums[F_ANGLE] / nBody;
  // A body beside a shadow that left, which did not as a whole brighten like a shadow leaving, is its
  // caster changed (a roof demolished to rubble, darker, beside the lit ground of its old shadow),
  // not a shadow falling or lifting.
  const casterChanged = vanished / n > VANISHED_SHADOW_SHARE && bodyLogB < ILLUM_LOG_RATIO;
  // A patch holding a shadow whose caster is gone (orphanShadows judged it whole, so it holds at least
  // that much of one) is a demolition however weak the rest (rubble of the roof's own grey) and
  // whatever brightened beside it (the razed house's neighbours' shadows move too).
  // In the model's pixels, as orphanShadows sized it (the patch's area is on the ellipsoid).
  const casterGone = (stats.featureSums[F_ORPHAN_SHADOW] ?? 0) * model.pixelSizeM ** 2 >= ORPHAN_MIN_AREA_M2 * (1 - 1e-9);
  // Only where the scene model enables the illumination explanation (it is off for RGB-only imagery,
  // where an achromatic darkening is as likely a new dark roof or road as a shadow) and shadows can
  // form patches at all.
  const illumination = model.shadowAngle > 0 && model.pixelSizeM <= MAX_SHADOW_PIXEL_M && logB > ILLUM_LOG_RATIO && angle < ILLUM_ANGLE_PER_LOG * logB && !casterChanged && !casterGone;
  // Vegetation cleared to soil changes the spectrum less than building does, so such patches often sit
  // between the pixel and object thresholds; a patch-wide fall of the vegetation index from above the
  // scene's vegetation threshold to below it, by more than the threshold itself, is change by itself.
  // NDVI only: the RGB greenness index separates vegetation too weakly for this.
  const vb = stats.featureSums[F_VEG_BEFORE] / n;
  const va = stats.featureSums[F_VEG_AFTER] / n;
  const vegLoss = model.hasNir && vb > model.vegThreshold && va < model.vegThreshold && vb - va > model.vegThreshold;
  // Likewise a patch that brightened as a whole by more than an illumination-sized step (and is not
  // explained as illumination): fresh concrete, roofs and cleared ground are brighter than what they
  // replace, while their spectral contrast with grey surroundings stays modest (DSIFN, LEVIR).
  const brightened = bodyLogB > ILLUM_LOG_RATIO;
  const weakOk = mean >= WEAK_OBJECT_RATIO * model.threshold;
  const strongEnough = mean >= objectBar(model, n) || (weakOk && (vegLoss || brightened)) || casterGone;
  const keep = strongEnough && widthPx >= MIN_WIDTH_PX && !illumination;
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

/** The mean magnitude a patch of n unmixed pixels needs (see SMALL_PIXELS). */
function objectBar(model: SceneModel, n: number): number {
  const large = Math.min(1, Math.max(0, Math.log(n / SMALL_PIXELS) / Math.log(LARGE_PIXELS / SMALL_PIXELS)));
  return model.objectThreshold + large * (model.threshold - model.objectThreshold);
}

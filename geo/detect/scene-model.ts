/**
 * The scene-wide parameters `fitSceneModel` derives from sample windows and `detectWindow` applies to
 * every window, so results do not depend on how the scene is cut. Plain JSON data (sent to worker
 * threads and queue jobs).
 */
export interface SceneModel {
  version: 1;
  /** Bands used (the first `bandCount` of each stack). */
  bandCount: number;
  /** Per band: after is mapped to before's radiometry as gain · after + offset (sample units). */
  gain: number[];
  offset: number[];
  /** Per band robust σ of the no-change difference (before units); differences are divided by it. */
  noise: number[];
  hasNir: boolean;
  /** Per-pixel change-magnitude threshold in noise units (automatic, see chooseThresholds). */
  threshold: number;
  /** Mean magnitude a patch needs to be kept, noise units (automatic robust noise floor). */
  objectThreshold: number;
  /** Box-mean radius in pixels applied to both dates before differencing (texture and noise). */
  smoothRadius: number;
  /** Misregistration tolerance: best-match search radius in pixels. */
  matchRadius: number;
  /** Square structuring element radius in pixels for the opening. */
  morphRadius: number;
  /** Square structuring element radius in pixels for the closing that follows. */
  closeRadius: number;
  /** Hysteresis: weak pixels (magnitude > lowRatio · threshold) count within growRadius of a strong one. */
  lowRatio: number;
  growRadius: number;
  /** NDVI (with NIR) or ExG (without) above which a pixel counts as vegetation. */
  vegThreshold: number;
  /** NDWI above which a pixel counts as water (null without NIR). */
  waterThreshold: number | null;
  /** Mean normalised brightness (before units) below which a darkened pixel can be a shadow. */
  darkLevel: number;
  /**
   * Mean normalised brightness (before units) under which a pixel lies in a cast shadow: 0.7 × the
   * scene's median (shadows keep 0.35–0.55 of the light). Absent where shadows are not tested for a
   * vanished caster: the fit left it out (too few shadows in the samples, or a sun that moved round
   * the buildings), or the model is older than it.
   */
  shadowLevel?: number;
  /** Spectral angle (radians) × darker brightness (before units) below which a brightness change counts as illumination. */
  shadowAngle: number;
  /** Redness (R − B)/(R + B) separating bare soil (above) from built surfaces (below). */
  soilRedness: number;
  /** Pixel size in metres the model was fitted for. */
  pixelSizeM: number;
  /**
   * Misregistration of the later date, in whole pixels (correctedShift): its pixel (x, y) shows
   * the ground of the earlier date's (x + sx, y + sy). Windows are co-registered (shiftStack) before
   * detection. Absent when it rounds to none, or in models fitted before it existed.
   */
  shift?: [number, number];
}

/** Names of the ChangeRaster feature channels, in order. */
export const FEATURES = [
  /** Change magnitude in noise units after misregistration tolerance. */
  'magnitude',
  /** NDVI (or ExG without NIR) of the earlier date. */
  'vegBefore',
  'vegAfter',
  /** NDWI of each date (0 without NIR). */
  'waterBefore',
  'waterAfter',
  /** ln(brightness after / brightness before) on normalised bands. */
  'logBrightness',
  /** Spectral angle between the dates, radians. */
  'angle',
  /** 1 where magnitude ≥ 2 × threshold. */
  'strong',
  /** 1 on a shadow that left, counted as change because it borders a change body (see detectWindow). */
  'vanishedShadow',
  /**
   * 1 on a body's edge pixel (a mixture of the change and the land around, see detectWindow): it
   * counts for area only, every other channel 0, so a patch is judged on its unmixed pixels.
   */
  'rim',
  /**
   * 1 on a shadow that left with no shadow staying beside it (see orphanShadows): its caster is gone.
   * Such pixels are vanished shadows too.
   */
  'orphanShadow',
  /**
   * |logBrightness|: a patch that holds both a shadow that left and one that fell sums them to
   * nearly nothing, so its brightness change is judged on this.
   */
  'absLogBrightness',
] as const;

export type FeatureName = (typeof FEATURES)[number];
export const F_MAGNITUDE = 0;
export const F_VEG_BEFORE = 1;
export const F_VEG_AFTER = 2;
export const F_WATER_BEFORE = 3;
export const F_WATER_AFTER = 4;
export const F_LOG_BRIGHTNESS = 5;
export const F_ANGLE = 6;
export const F_STRONG = 7;
export const F_VANISHED_SHADOW = 8;
export const F_RIM = 9;
export const F_ORPHAN_SHADOW = 10;
export const F_ABS_LOG_BRIGHTNESS = 11;

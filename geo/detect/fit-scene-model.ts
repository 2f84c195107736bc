/**
 * First pass of the two-pass detector: derives the scene-wide `SceneModel` (radiometric
 * normalisation, noise scale, automatic thresholds) from sample windows of the two dates, so that
 * every window is later processed with the same parameters. Samples are BandStacks in the file's
 * sample units; windows should be spread over the scene (or be the whole image when it is small).
 */
import type { BandRoles, BandStack } from '../types.ts';
import { fitRelativeNormalisation } from '../raster/normalise-fit.ts';
import { changeFields, SUPPRESSED, VALID, type KernelParams } from './change-fields.ts';
import { otsuThreshold } from './otsu-threshold.ts';
import { quantile } from './quantile.ts';
import type { SceneModel } from './scene-model.ts';
import { vegetationIndex } from './vegetation-index.ts';
import { orphanShadows, testsOrphans, type OrphanParams } from './orphan-shadows.ts';

export interface FitOptions {
  /** Ground pixel size in metres. */
  pixelSizeM: number;
  /** Best-match search radius for misregistration tolerance, pixels (default 2). */
  matchRadius?: number;
  /** Box-mean radius applied before differencing, pixels (default from the pixel size). */
  smoothRadius?: number;
  /** Opening radius, pixels (default 1). */
  morphRadius?: number;
  /** Closing radius, pixels (default ≈ 4 m, 1–4 px): fills gaps inside large changed objects. */
  closeRadius?: number;
  /** Cap on pooled pixel pairs for the statistics (default 100 000). */
  maxSamples?: number;
}

/** Hysteresis: weak pixels above LOW_RATIO × threshold join strong ones within GROW_RADIUS px. */
const LOW_RATIO = 0.6;
const GROW_RADIUS = 3;
/** Cast shadow: darker than this share of the scene's median brightness. */
const SHADOW_LEVEL = 0.7;
/**
 * Shadows are tested for a vanished caster when the samples hold at least this many shadows that
 * left, at most this share of them orphans (a village razed whole is rare; a moved-round sun makes all).
 */
const MIN_SHADOWS_JUDGED = 20;
const MAX_ORPHAN_SHARE = 0.5;
/** A patch's mean magnitude must reach this multiple of the pixel threshold. */
const OBJECT_RATIO = 1.2;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

export function fitSceneModel(
  samples: Array<{ before: BandStack; after: BandStack }>,
  roles: BandRoles,
  opts: FitOptions,
): SceneModel {
  if (samples.length === 0) throw new Error('fitSceneModel: no samples');
  const nb = Math.min(...samples.map((s) => Math.min(s.before.bands.length, s.after.bands.length)));
  const hasNir = roles.nir !== undefined && roles.nir < nb;
  const hasRgb = roles.red !== undefined && roles.green !== undefined && roles.blue !== undefined;
  const maxSamples = opts.maxSamples ?? 100_000;

  let totalValid = 0;
  for (const s of samples) for (let i = 0; i < s.before.valid.length; i++) totalValid += s.before.valid[i] & s.after.valid[i];
  const stride = Math.max(1, Math.ceil(totalValid / maxSamples));
  // Every stride-th valid pixel in sample order, straight into typed arrays.
  const cap = Math.ceil(totalValid / stride);
  const A = Array.from({ length: nb }, () => new Float32Array(cap));
  const B = Array.from({ length: nb }, () => new Float32Array(cap));
  let seen = 0;
  let m0 = 0;
  for (const s of samples) {
    const v0 = s.before.valid;
    const v1 = s.after.valid;
    for (let i = 0; i < v0.length; i++) {
      if (!(v0[i] & v1[i])) continue;
      if (seen++ % stride !== 0) continue;
      for (let b = 0; b < nb; b++) {
        A[b][m0] = s.before.bands[b][i];
        B[b][m0] = s.after.bands[b][i];
      }
      m0++;
    }
  }
  const norm = fitRelativeNormalisation(A, B);
  const m = A.length > 0 ? A[0].length : 0;
  const Bn = B.map((v, b) => v.map((x) => norm.gain[b] * x + norm.offset[b]));

  // Vegetation threshold: Otsu on the pooled index of both dates, clamped to a plausible range.
  let vegThreshold = hasNir ? 0.3 : 0.08;
  let soilRedness = 0;
  if (hasRgb) {
    const r = roles.red!, g = roles.green!, bl = roles.blue!, ni = roles.nir ?? 0;
    const vi = new Float32Array(2 * m);
    for (let i = 0; i < m; i++) {
      vi[2 * i] = vegetationIndex(A[r][i], A[g][i], A[bl][i], hasNir ? A[ni][i] : 0, hasNir);
      vi[2 * i + 1] = vegetationIndex(Bn[r][i], Bn[g][i], Bn[bl][i], hasNir ? Bn[ni][i] : 0, hasNir);
    }
    vegThreshold = hasNir ? clamp(otsuThreshold(vi, -1, 1), 0.2, 0.5) : clamp(otsuThreshold(vi, -0.5, 1), 0.06, 0.25);
    const red: number[] = [];
    for (let i = 0; i < m; i++) {
      if (vi[2 * i] > vegThreshold) continue;
      const s = A[r][i] + A[bl][i];
      if (s > 1e-6) red.push((A[r][i] - A[bl][i]) / s);
    }
    soilRedness = red.length > 0 ? quantile(red, 0.5) : 0;
  }

  // Shadows are darker than most of the scene: brightness quartile of both dates.
  const bright = new Float32Array(2 * m);
  const inlierAngles: number[] = [];
  for (let i = 0; i < m; i++) {
    let ia = 0, ib = 0, dot = 0, na = 0, nn = 0;
    for (let b = 0; b < nb; b++) {
      const a = A[b][i], c = Bn[b][i];
      ia += a; ib += c; dot += a * c; na += a * a; nn += c * c;
    }
    bright[2 * i] = ia / nb;
    bright[2 * i + 1] = ib / nb;
    if (norm.inlier[i] && na > 0 && nn > 0) inlierAngles.push(Math.acos(clamp(dot / Math.sqrt(na * nn), -1, 1)) * Math.min(ia, ib) / nb);
  }
  const darkLevel = quantile(bright, 0.25);
  const shadowLevel = SHADOW_LEVEL * quantile(bright, 0.5);
    // Illumination-only change keeps the spectral shape: angle × brightness no larger than unchanged
  // pixels show (their angle comes from noise, which scales as 1 / brightness).
  // Without NIR a darkening of unchanged chromaticity is as likely a new dark roof or road as a
  // shadow (measured on LEVIR/DSIFN), so the rule is switched off (angle budget 0) for RGB imagery.
  const shadowAngle = hasNir ? 2 * quantile(inlierAngles, 0.9) : 0;

  const params: KernelParams = {
    bandCount: nb,
    gain: norm.gain,
    offset: norm.offset,
    noise: norm.noise,
    hasNir,
    smoothRadius: opts.smoothRadius ?? defaultSmoothRadius(opts.pixelSizeM),
    matchRadius: opts.matchRadius ?? (opts.pixelSizeM <= 5 ? 2 : 1),
    morphRadius: opts.morphRadius ?? 1,
    vegThreshold,
    waterThreshold: hasNir ? 0.1 : null,
    darkLevel,
    shadowAngle,
    pixelSizeM: opts.pixelSizeM,
  };

  // Change threshold from the tolerant magnitudes of candidate (not explained) pixels.
  // Only every step-th pixel is read, so the kernel computes magnitudes and flags only there.
  const mags: number[] = [];
  const step = Math.max(1, Math.floor(stride / 2));
  for (const s of samples) {
    // Work buffers (reuse): f is read before the next sample's call.
    const f = changeFields(s.before, s.after, roles, params, 0, -1, step, true);
    for (let i = 0; i < f.flags.length; i += step) {
      if ((f.flags[i] & VALID) && !(f.flags[i] & SUPPRESSED)) mags.push(f.magnitude[i]);
    }
  }
  const t = chooseThresholds(mags);
  return {
    version: 1,
    ...params,
    closeRadius: opts.closeRadius ?? Math.max(1, Math.min(4, Math.round(4 / opts.pixelSizeM))),
    lowRatio: LOW_RATIO,
    growRadius: GROW_RADIUS,
    threshold: t.pixel,
    objectThreshold: t.object,
    soilRedness,
    shadowLevel: shadowsOverlap(samples, roles, { ...params, shadowLevel }) ? shadowLevel : undefined,
  };
}

/**
 * Whether the samples' shadows that left mostly have a shadow that stayed beside them, as
 * orphanShadows assumes: both dates' suns on the same side of the buildings. A sun that moved round
 * them (morning against afternoon) leaves every shadow an orphan; so do too few shadows to tell.
 */
function shadowsOverlap(samples: Array<{ before: BandStack; after: BandStack }>, roles: BandRoles, p: OrphanParams): boolean {
  if (!testsOrphans(p)) return false;
  let judged = 0;
  let orphans = 0;
  for (const s of samples) {
    const o = orphanShadows(s.before, s.after, roles, p);
    judged += o.judged;
    orphans += o.orphans;
  }
  return judged >= MIN_SHADOWS_JUDGED && orphans <= MAX_ORPHAN_SHARE * judged;
}

/**
 * Automatic thresholds on magnitudes (noise units) of pixels no rule explains: the pixel threshold is
 * Otsu's over [0, 99.9th percentile]; a patch must reach OBJECT_RATIO × it on average.
 */
export function chooseThresholds(mags: ArrayLike<number>): { pixel: number; object: number } {
  if (mags.length === 0) return { pixel: 3, object: 3 };
  const hi = quantile(mags, 0.999);
  const pixel = otsuThreshold(mags, 0, hi);
  return { pixel, object: OBJECT_RATIO * pixel };
}

/** About 1.5 m of smoothing on sub-metre to metre imagery, none at 10 m and coarser. */
function defaultSmoothRadius(pixelSizeM: number): number {
  return Math.max(0, Math.min(3, Math.round(1.5 / pixelSizeM)));
}

/**
 * Second pass of the two-pass detector: per-pixel change over a window's outer extent with the
 * scene model from `fitSceneModel`. Output is a ChangeRaster the same size as the stacks (pixel
 * frame of the window); only the core (halo ≥ `detectHalo`) is guaranteed equal to whole-image
 * processing. Pixels invalid in either date are never change. With `reuse` the raster's arrays are
 * this thread's work buffers, valid until its next `detectWindow` call (for callers that consume a
 * window before detecting the next, like detectUnit).
 */
import type { BandRoles, BandStack, ChangeRaster } from '../types.ts';
import { changeFields, FILLED, SHADOW, SUPPRESSED, VALID, VEG_BOTH } from './change-fields.ts';
import { pixelChangeClass } from './pixel-change-class.ts';
import { copyBits, dilateBits, emptyBitMask, openCloseBits, type BitMask } from './open-close.ts';
import type { SceneModel } from './scene-model.ts';
import { createWorkBuffers } from '../raster/work-buffers.ts';
import { ORPHAN_GROW_RATIO, orphanClosePx, orphanGrowPx, orphanShadows, testsOrphans } from './orphan-shadows.ts';

/** Share of the threshold an edge pixel of a change body needs to join it (a half-mixed pixel). */
const EDGE_RATIO = 0.5;
/** How far from a rim pixel its reference pixel (see mostlyCleared) may lie. */
export const RIM_REACH = 3;

export function detectWindow(
  before: BandStack,
  after: BandStack,
  roles: BandRoles,
  model: SceneModel,
  opts: { pixelSizeM: number; reuse?: boolean },
): ChangeRaster {
  const reuse = opts.reuse ?? false;
  const w = before.width;
  const h = before.height;
  const n = w * h;
  const T = model.threshold;
  const TL = T * model.lowRatio;
  const TE = T * EDGE_RATIO;
  // Indices and flags only where they can matter: strong candidates now, weak ones near a strong
  // one and closing-filled pixels below (`fill`). Likewise the best-match search of pixels that
  // cannot be strong: settled below only near strong ones. (Deferring a hair under T², so a
  // deferred pixel's float32 magnitude stays under T whatever the rounding.)
  const f = changeFields(before, after, roles, model, TL * TL, T * T, 1, reuse, T * T * (1 - 1e-6));
  const mag = f.magnitude;
  const flags = f.flags;
  const OK = VALID | FILLED;
  const need = (i: number): number => {
    if ((flags[i] & OK) === VALID) f.fill(i);
    return flags[i];
  };
  // Per band: after normalised to before, in noise units (as the magnitude weighs bands).
  const nb = model.bandCount;
  const bandsB = before.bands;
  const bandsA = after.bands;
  const scale = model.noise.map((v) => 1 / v);
  const delta = (i: number, b: number): number => (model.gain[b] * bandsA[b][i] + model.offset[b] - bandsB[b][i]) * scale[b];
  /**
   * Edge pixel i of a body that cleared vegetation, still vegetation in the later date: the strongest
   * body pixel within RIM_REACH is the reference, and i belongs to the body when over half of its
   * change goes the reference's way (a vegetation index falls across its threshold only when most of
   * the pixel changed).
   */
  const vt = model.vegThreshold;
  const mostlyCleared = (i: number, bodyMask: BitMask): boolean => {
    if ((need(i) & (VALID | SUPPRESSED)) !== (VALID | VEG_BOTH)) return false;
    const x = i % w;
    const y = (i - x) / w;
    let ref = -1;
    for (let yy = Math.max(0, y - RIM_REACH); yy <= Math.min(h - 1, y + RIM_REACH); yy++)
      for (let xx = Math.max(0, x - RIM_REACH); xx <= Math.min(w - 1, x + RIM_REACH); xx++) {
        const q = yy * w + xx;
        if ((bodyMask.bits[yy * bodyMask.words + (xx >> 5)] >>> (xx & 31)) & 1 && (ref < 0 || mag[q] > mag[ref])) ref = q;
      }
    if (ref < 0 || !(f.vegBefore[ref] > vt && f.vegAfter[ref] < vt)) return false;
    let dot = 0;
    let nn = 0;
    for (let b = 0; b < nb; b++) {
      const r = delta(ref, b);
      dot += delta(i, b) * r;
      nn += r * r;
    }
    return nn > 0 && dot >= 0.5 * nn;
  };
  // Strong pixels (> T, not explained) as a bit mask.
  const strongBits = emptyBitMask(w, h);
  const words = strongBits.words;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    const ob = y * words;
    for (let x = 0; x < w; x++) {
      const i = o + x;
      if (mag[i] > T && (need(i) & (OK | SUPPRESSED)) === OK) strongBits.bits[ob + (x >> 5)] |= 1 << (x & 31);
    }
  }
  // Every magnitude read below (hysteresis, edge and rim rings, joins, then features of pixels the
  // closing adds) lies within this reach of a strong pixel, or of a shadow whose caster is gone
  // (settled there).
  if (f.deferred) settleNear(f.deferred, strongBits, 2 * model.growRadius + 2 + model.closeRadius, f.settle);
  // Local hysteresis: pixels above lowRatio·T count when within growRadius of a pixel above T.
  const grow = model.lowRatio < 1 && model.growRadius > 0;
  const raw = grow ? bitsWhere(dilateBits(strongBits, model.growRadius), (i) => mag[i] > TL && (need(i) & (OK | SUPPRESSED)) === OK) : strongBits;
  const body = openCloseBits(raw, model.morphRadius, 0);
  // A cleared area's edge pixels mix it with the vegetation around (blur, sub-pixel edges): those
  // above EDGE_RATIO · T whose vegetation index still fell across the threshold belong to it.
  const clearedEdge = (i: number): boolean => mag[i] > TE && (need(i) & (OK | SUPPRESSED)) === OK && f.vegBefore[i] > vt && f.vegAfter[i] < vt;
  orBits(body, bitsWhere(dilateBits(copyBits(body), 1), clearedEdge, body));
  // The vegetation index of such a pixel falls across the threshold only once most of it changed, so
  // that rule pared a ring off every body that cleared vegetation (ponds and bare soil came out
  // 5–10 % small): the rest of the ring joins as rim pixels when mostly cleared.
  // NDVI only, as for the patch-wide vegetation loss (summarisePatch).
  const rim = model.hasNir ? bitsWhere(dilateBits(copyBits(body), 1), (i) => mostlyCleared(i, body), body) : emptyBitMask(w, h);
  orBits(body, rim);
  // A shadow that left with no shadow staying beside it lost its caster (orphanShadows): it starts a
  // body, which takes the weakly changed pixels around it (rubble against the roof it replaced).
  // Their magnitudes are made exact first: below the hysteresis level they are only upper bounds,
  // and deferred ones (no strong pixel near to settle them) plain distances. So are those the
  // body's join and closing read.
  const found = testsOrphans(model) ? orphanShadows(before, after, roles, model) : null;
  const orphans = found?.pixels ?? emptyBitMask(w, h);
  if (found && found.orphans > 0) {
    const grow = orphanGrowPx(model);
    const close = orphanClosePx(model);
    if (f.deferred) settleNear(f.deferred, orphans, grow + 2 * close + model.growRadius + 2 * model.closeRadius, f.settle);
    const TG = ORPHAN_GROW_RATIO * T;
    const rubble = bitsWhere(dilateBits(copyBits(orphans), grow), (i) => {
      if ((need(i) & (OK | SUPPRESSED)) !== OK) return false;
      if (!(mag[i] > TL)) f.settleExact(i);
      return mag[i] > TG;
    }, orphans);
    orBits(rubble, orphans);
    orBits(body, openCloseBits(rubble, 0, close));
  }
  // A brightening the shadow rule explains (a shadow that left) is change after all beside a change
  // body: its caster was demolished or lowered, while a standing building's shadow shift has no body
  // beside it. Such pixels join bodies within growRadius, never start one.
  const joined = model.growRadius > 0
    ? bitsWhere(dilateBits(copyBits(body), model.growRadius), (i) => mag[i] > TL && vanishedShadow(need(i), f.logBrightness[i]), body)
    : emptyBitMask(w, h);
  orBits(body, joined);
  const bits = openCloseBits(body, 0, model.closeRadius).bits;
  const jb = joined.bits;
  const rb = rim.bits;
  const ob = orphans.bits;
  const mask = reuse ? pool.u8('mask', n).fill(0) : new Uint8Array(n);
  const changeClass = (reuse ? pool.u8('changeClass', n) : new Uint8Array(n)).fill(4);
  const strong = reuse ? pool.f32('strong', n).fill(0) : new Float32Array(n);
  const vanished = reuse ? pool.f32('vanished', n).fill(0) : new Float32Array(n);
  const rimmed = reuse ? pool.f32('rim', n).fill(0) : new Float32Array(n);
  const orphaned = reuse ? pool.f32('orphan', n).fill(0) : new Float32Array(n);
  const absLogB = reuse ? pool.f32('absLogB', n).fill(0) : new Float32Array(n);
  const wt = model.waterThreshold ?? Infinity;
  const T2 = 2 * T;
  // Only mask pixels need work: walk the set bits.
  for (let y = 0; y < h; y++) {
    for (let j = 0; j < words; j++) {
      let v = bits[y * words + j];
      while (v !== 0) {
        const k = 31 - Math.clz32(v & -v);
        v &= v - 1;
        const i = y * w + (j << 5) + k;
        if (!(flags[i] & VALID)) continue;
        if (!(flags[i] & FILLED)) f.fill(i);
        // Closing may bridge into explained pixels; keep them out so shadows/seasonal areas never count.
        const isRim = (rb[y * words + j] >>> k) & 1;
        const isOrphan = (ob[y * words + j] >>> k) & 1;
        if (isRim || !(flags[i] & SUPPRESSED || isOrphan)) mask[i] = 1;
        else if (isOrphan || (jb[y * words + j] >>> k) & 1) {
          mask[i] = 1;
          vanished[i] = 1;
          orphaned[i] = isOrphan;
          // A shadow that left (explained by the shadow rule, or by a caster that is gone): the
          // patch's illumination test reads the other pixels.
          f.logBrightness[i] = 0;
          f.angle[i] = 0;
        }
        changeClass[i] = pixelChangeClass(
          f.vegBefore[i], f.vegAfter[i], f.waterBefore[i], f.waterAfter[i],
          f.rednessBefore[i], f.rednessAfter[i], model.vegThreshold, wt, model.soilRedness,
        );
        if (isRim) {
          // A mixture counts for area only (see FEATURES); nothing reads its fields after this.
          rimmed[i] = 1;
          mag[i] = 0;
          f.vegBefore[i] = 0;
          f.vegAfter[i] = 0;
          f.waterBefore[i] = 0;
          f.waterAfter[i] = 0;
          f.logBrightness[i] = 0;
          f.angle[i] = 0;
        } else if (mag[i] >= T2) strong[i] = 1;
        absLogB[i] = Math.abs(f.logBrightness[i]);
      }
    }
  }
  // Features are defined on mask pixels (what the vectoriser sums); elsewhere magnitude is, but only
  // an upper bound where the best-match search was deferred or skipped (changeFields).
  return {
    width: w,
    height: h,
    mask,
    changeClass,
    features: [mag, f.vegBefore, f.vegAfter, f.waterBefore, f.waterAfter, f.logBrightness, f.angle, strong, vanished, rimmed, orphaned, absLogB],
  };
}

/** The set bits of `candidates`, less those of `except`, whose pixel index passes `test`, as a new mask. */
function bitsWhere(candidates: BitMask, test: (i: number) => boolean, except?: BitMask): BitMask {
  const { width: w, height: h, words } = candidates;
  const out = emptyBitMask(w, h);
  for (let y = 0; y < h; y++) {
    for (let j = 0; j < words; j++) {
      const o = y * words + j;
      let v = except ? candidates.bits[o] & ~except.bits[o] : candidates.bits[o];
      let word = 0;
      while (v !== 0) {
        const k = 31 - Math.clz32(v & -v);
        v &= v - 1;
        if (test(y * w + (j << 5) + k)) word |= 1 << k;
      }
      out.bits[o] = word;
    }
  }
  return out;
}

/** Calls `settle` for each pixel of `deferred` within r of a pixel of `strong`. */
function settleNear(deferred: BitMask, strong: BitMask, r: number, settle: (i: number) => void): void {
  const near = dilateBits(copyBits(strong), r);
  const { width: w, height: h, words } = deferred;
  for (let y = 0; y < h; y++) {
    for (let j = 0; j < words; j++) {
      let v = deferred.bits[y * words + j] & near.bits[y * words + j];
      while (v !== 0) {
        const k = 31 - Math.clz32(v & -v);
        v &= v - 1;
        settle(y * w + (j << 5) + k);
      }
    }
  }
}

function orBits(target: BitMask, add: BitMask): void {
  for (let i = 0; i < target.bits.length; i++) target.bits[i] |= add.bits[i];
}

/** A pixel the shadow rule alone explains, brightened: a shadow that was there before and left. */
function vanishedShadow(flags: number, logBrightness: number): boolean {
  return (flags & (VALID | FILLED | SUPPRESSED)) === (VALID | FILLED | SHADOW) && logBrightness > 0;
}

/** Output buffers for `reuse` calls, one set per thread (module instance). */
const pool = createWorkBuffers();

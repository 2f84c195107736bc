/**
 * The per-pixel change kernel shared by `fitSceneModel` (on samples, before a threshold exists) and
 * `detectWindow`: radiometric normalisation, change magnitude with misregistration tolerance,
 * spectral indices and the no-change explanations (vegetation stays vegetation, water stays water,
 * illumination-only change). Pixel frame: the stacks' own window; units noted per field.
 */
import type { BandRoles, BandStack } from '../types.ts';
import type { SceneModel } from './scene-model.ts';
import { vegetationIndex } from './vegetation-index.ts';
import { waterIndex } from './water-index.ts';
import { sameCover } from './same-cover.ts';
import { boxMean, boxMean4, boxMean4Valid } from './box-mean.ts';
import { createWorkBuffers } from '../raster/work-buffers.ts';
import { emptyBitMask, type BitMask } from './open-close.ts';

/** Bits of `ChangeFields.flags`. */
export const VALID = 1;
export const VEG_BOTH = 2;
export const WATER_BOTH = 4;
export const SHADOW = 8;
/** The per-pixel fields (indices, flags) have been computed for this pixel. */
export const FILLED = 16;
/** Any reason a pixel is not change whatever its magnitude. */
export const SUPPRESSED = VEG_BOTH | WATER_BOTH | SHADOW;

/** Brightness ratio (darker / brighter date) under which an illumination change is considered. */
const SHADOW_RATIO = 0.75;
const SHADOW_LOG = -Math.log(SHADOW_RATIO);

export interface ChangeFields {
  /**
   * Symmetric best-match change magnitude, noise units; an upper bound where the search stopped
   * early (prefilter), was deferred or was skipped (see changeFields).
   */
  magnitude: Float32Array;
  vegBefore: Float32Array;
  vegAfter: Float32Array;
  waterBefore: Float32Array;
  waterAfter: Float32Array;
  /** ln(brightness after / before) on normalised bands. */
  logBrightness: Float32Array;
  /** Spectral angle between dates, radians. */
  angle: Float32Array;
  /** Redness (R − B)/(R + B) of each date, for the built/bare split. */
  rednessBefore: Float32Array;
  rednessAfter: Float32Array;
  flags: Uint8Array;
  /** Computes every field but magnitude for valid pixel i (used for pixels skipped by `fillAbove`). */
  fill: (i: number) => void;
  /**
   * Pixels whose best-match search `deferBelow` put off (their magnitude is the plain distance, an
   * upper bound), or null when none was; `settle(i)` runs it for pixel i of this mask.
   */
  deferred: BitMask | null;
  settle: (i: number) => void;
  /** Makes valid pixel i's magnitude exact (the full best-match search, no prefilter). */
  settleExact: (i: number) => void;
}

export type KernelParams = Omit<SceneModel, 'threshold' | 'objectThreshold' | 'version' | 'soilRedness' | 'closeRadius' | 'lowRatio' | 'growRadius' | 'shift' | 'shadowLevel'>;

/**
 * Work buffers reused across calls (same-size windows are the rule), because allocating and
 * page-faulting ~100 MB per 1024² window dominated the kernel's time. Never returned to callers;
 * one module instance per worker thread, and the kernel is synchronous, so reuse is safe. `fill`
 * reads them, so it is only valid until the next changeFields call.
 */
const { f32, u8 } = createWorkBuffers();

/** Whether no byte of v is 0; four bytes a step where aligned (a word has a zero byte iff (x − 0x01010101) & ~x & 0x80808080). */
function allSet(v: Uint8Array): boolean {
  let i = 0;
  if (v.byteOffset % 4 === 0) {
    const words = new Uint32Array(v.buffer, v.byteOffset, v.length >> 2);
    for (let j = 0; j < words.length; j++) {
      const x = words[j];
      if (((x - 0x01010101) & ~x & 0x80808080) !== 0) return false;
    }
    i = words.length << 2;
  }
  for (; i < v.length; i++) if (v[i] === 0) return false;
  return true;
}

/** out = a & b bytewise, four bytes a step where all three are aligned. */
function andBytes(a: Uint8Array, b: Uint8Array, out: Uint8Array): void {
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 && out.byteOffset % 4 === 0) {
    const m = out.length >> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, m);
    const wb = new Uint32Array(b.buffer, b.byteOffset, m);
    const wo = new Uint32Array(out.buffer, out.byteOffset, m);
    for (let j = 0; j < m; j++) wo[j] = wa[j] & wb[j];
    i = m << 2;
  }
  for (; i < out.length; i++) out[i] = a[i] & b[i];
}

/** Neighbour offsets within a square of radius r, nearest first, centre excluded. */
function offsets(r: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx !== 0 || dy !== 0) out.push([dx, dy]);
  return out.sort((a, b) => a[0] * a[0] + a[1] * a[1] - (b[0] * b[0] + b[1] * b[1]));
}

/**
 * Computes the fields over the whole window. The exact best-match search (each after pixel against
 * the before pixels within `matchRadius` and vice versa, taking the worse of the two directions) only
 * runs where the plain pixel-to-pixel squared distance exceeds `prefilterT2`: the best match can only
 * be smaller, so pixels below the threshold cannot become change. It stops early once a direction is
 * known to fall below `prefilterT2`, so magnitudes of such pixels are upper bounds, not exact. Pass 0
 * to get exact magnitudes everywhere. Indices and flags are computed only where magnitude² exceeds
 * `fillAbove` (default −1: everywhere); call `fill(i)` for other pixels that turn out to need them.
 * With `step` > 1 magnitude and flags are computed only at pixels i ≡ 0 (mod step) (the scene-model
 * fit reads no others); the rest stay 0. With `reuse` the returned arrays are work buffers too (valid
 * until the next call, indices and flags only where filled), which saves allocating, zeroing and
 * collecting ~30 MB per 1024² window. With `deferBelow` > `prefilterT2`, interior pixels of an
 * all-valid four-band window whose plain squared distance is at most `deferBelow` skip the search
 * (see `deferred`): a caller that reads their magnitude only near strong change settles those; nor
 * is any pixel searched that is vegetation, or water, at both dates (an upper bound stays).
 */
export function changeFields(
  before: BandStack,
  after: BandStack,
  roles: BandRoles,
  p: KernelParams,
  prefilterT2: number,
  fillAbove = -1,
  step = 1,
  reuse = false,
  deferBelow = 0,
): ChangeFields {
  const w = before.width;
  const h = before.height;
  const n = w * h;
  const nb = p.bandCount;
  // Smoothed, standardised bands, pixel-interleaved (pixel i, band b at i · nb + b) so the distance
  // loop and the best-match search read one cache line per pixel.
  const SA = f32('SA', n * nb);
  const SB = f32('SB', n * nb);
  const sr = p.smoothRadius;
  const all0 = allSet(before.valid);
  const all1 = allSet(after.valid);
  // Float64Arrays, so the box means see one element kind (plain arrays of doubles and of small
  // integers made their optimised code deoptimise back and forth).
  const inv = Float64Array.from(p.noise.slice(0, nb), (v) => 1 / v);
  const scaleA = inv;
  const offsetA = new Float64Array(nb);
  const scaleB = inv.map((v, b) => p.gain[b] * v);
  const offsetB = inv.map((v, b) => p.offset[b] * v);
  // Four bands: all valid, or with invalid pixels where the sums are exact (integer samples), in one
  // pass for all bands; otherwise band by band with a count buffer.
  const fast0 = nb === 4 && (all0 ? (boxMean4(before.bands, w, h, sr, scaleA, offsetA, SA, before.integer16), true) : boxMean4Valid(before.bands, before.valid, w, h, sr, scaleA, offsetA, SA, before.integer16));
  const fast1 = nb === 4 && (all1 ? (boxMean4(after.bands, w, h, sr, scaleB, offsetB, SB, after.integer16), true) : boxMean4Valid(after.bands, after.valid, w, h, sr, scaleB, offsetB, SB, after.integer16));
  if (!fast0 || !fast1) {
    // Count and scratch buffers only here (10 MB a thread at 1104²), shared by the dates.
    const count = f32('count', n);
    const scratch = f32('ones', n);
    // Smoothing raw samples (integer DN) keeps sums exact, so windows match the whole image bit for
    // bit; standardising (÷ noise σ) and normalising the later date happen in the same pass.
    if (!fast0)
      for (let b = 0; b < nb; b++)
        boxMean(before.bands[b], before.valid, w, h, sr, { out: SA, stride: nb, band: b, allValid: all0, scale: scaleA[b], offset: 0, count, countReady: b > 0, scratch });
    if (!fast1)
      for (let b = 0; b < nb; b++)
        boxMean(after.bands[b], after.valid, w, h, sr, { out: SB, stride: nb, band: b, allValid: all1, scale: scaleB[b], offset: offsetB[b], count, countReady: b > 0, scratch });
  }
  // Unsmoothed bands (before units) for indices, brightness and angle: a pixel's land state must not
  // be blurred with its neighbours' (rims of a change would look like vegetation both dates). The
  // later date is normalised on the fly where a pixel is filled (float32, as a stored band would be).
  const A0 = before.bands.slice(0, nb);
  const B1 = after.bands.slice(0, nb);
  const gain = Float64Array.from(p.gain);
  const off = Float64Array.from(p.offset);
  const valid = u8('valid', n);
  const v0 = before.valid;
  const v1 = after.valid;
  if (all0 && all1) valid.fill(1);
  else andBytes(v0, v1, valid);

  const field = (k: string): Float32Array => (reuse ? f32(k, n) : new Float32Array(n));
  const vegBefore = field('vegBefore');
  const vegAfter = field('vegAfter');
  const waterBefore = field('waterBefore');
  const waterAfter = field('waterAfter');
  const logBrightness = field('logBrightness');
  const angle = field('angle');
  // Only ever read where filled, so stale values from an earlier window are harmless.
  const rednessBefore = f32('rednessBefore', n);
  const rednessAfter = f32('rednessAfter', n);
  const flags = reuse ? u8('flags', n).fill(0) : new Uint8Array(n);
  const hasRgb = roles.red !== undefined && roles.green !== undefined && roles.blue !== undefined;
  const hasNir = p.hasNir && roles.nir !== undefined;
  const ri = roles.red ?? 0;
  const gi = roles.green ?? 0;
  const bi = roles.blue ?? 0;
  const ni = roles.nir ?? 0;
  const wt = p.waterThreshold ?? Infinity;
  const fround = Math.fround;
  // Pixel i's later date normalised (float32, as a stored band would be), once per fill.
  const c1 = new Float64Array(nb);
  const fill = (i: number): void => {
    let fl = VALID | FILLED;
    // Brightness and spectral angle on normalised bands in before units.
    let ia = 0;
    let ib = 0;
    let dot = 0;
    let na = 0;
    let nbb = 0;
    for (let b = 0; b < nb; b++) {
      const a = A0[b][i];
      const c = fround(B1[b][i] * gain[b] + off[b]);
      c1[b] = c;
      ia += a;
      ib += c;
      dot += a * c;
      na += a * a;
      nbb += c * c;
    }
    ia /= nb;
    ib /= nb;
    const lb = ia > 1e-6 && ib > 1e-6 ? Math.log(ib / ia) : 0;
    const cosv = na > 0 && nbb > 0 ? dot / Math.sqrt(na * nbb) : 1;
    const ang = Math.acos(cosv > 1 ? 1 : cosv < -1 ? -1 : cosv);
    logBrightness[i] = lb;
    angle[i] = ang;
    const darker = ia < ib ? ia : ib;
    // Angle noise grows as brightness falls, so the test is on angle × brightness.
    if (Math.abs(lb) > SHADOW_LOG && darker < p.darkLevel && ang * darker < p.shadowAngle) fl |= SHADOW;
    if (hasRgb) {
      const r0 = A0[ri][i];
      const g0 = A0[gi][i];
      const b0 = A0[bi][i];
      const r1 = c1[ri];
      const g1 = c1[gi];
      const b1 = c1[bi];
      const n0 = hasNir ? A0[ni][i] : 0;
      const n1 = hasNir ? c1[ni] : 0;
      const va = vegetationIndex(r0, g0, b0, n0, hasNir);
      const vb = vegetationIndex(r1, g1, b1, n1, hasNir);
      vegBefore[i] = va;
      vegAfter[i] = vb;
      if (va > p.vegThreshold && vb > p.vegThreshold) fl |= VEG_BOTH;
      rednessBefore[i] = r0 + b0 > 1e-6 ? (r0 - b0) / (r0 + b0) : 0;
      rednessAfter[i] = r1 + b1 > 1e-6 ? (r1 - b1) / (r1 + b1) : 0;
      if (hasNir) {
        const wa = waterIndex(g0, n0);
        const wb = waterIndex(g1, n1);
        waterBefore[i] = wa;
        waterAfter[i] = wb;
        if (wa > wt && wb > wt) fl |= WATER_BOTH;
      } else {
        // Reused buffers hold an earlier window's values.
        waterBefore[i] = 0;
        waterAfter[i] = 0;
      }
    } else {
      vegBefore[i] = 0;
      vegAfter[i] = 0;
      rednessBefore[i] = 0;
      rednessAfter[i] = 0;
      waterBefore[i] = 0;
      waterAfter[i] = 0;
    }
    flags[i] = fl;
  };
  const magnitude = reuse ? f32('magnitude', n).fill(0) : new Float32Array(n);
  const minMag = Math.sqrt(fillAbove);
  const fillAll = fillAbove < 0;
  const offs = offsets(p.matchRadius);
  const no = offs.length;
  const odx = Int32Array.from(offs, (o) => o[0]);
  const ody = Int32Array.from(offs, (o) => o[1]);
  const odi = Int32Array.from(offs, (o) => o[1] * w + o[0]);
  const T2 = prefilterT2;
  const mr = p.matchRadius;
  const exact = T2 <= 0;
  const allIn = all0 && all1;
  const sqrt = Math.sqrt;
  // Four bands inside an all-valid window with a prefilter (the detector's common case): the same
  // arithmetic, unrolled, with each neighbour abandoned as soon as its partial sum decides it.
  const fast4 = nb === 4 && allIn && !exact && step === 1 && no > 0 && w > 2 * mr && h > 2 * mr;
  // The same without a prefilter (the scene-model fit): interior pixels of an all-valid window.
  const exact4 = nb === 4 && allIn && exact && no > 0;
  const deferred = fast4 && deferBelow > T2 ? emptyBitMask(w, h) : null;
  // Where searches are deferred, a pixel that is vegetation (or water) at both dates is suppressed
  // whatever its magnitude, and detectWindow reads no magnitude of a suppressed pixel: its search
  // is skipped too (the same indices and rounding as `fill`, which then flags it).
  const bothSame =
    deferred && hasRgb
      ? (i: number): boolean =>
          sameCover(
            A0[ri][i], A0[gi][i], A0[bi][i], hasNir ? A0[ni][i] : 0,
            fround(B1[ri][i] * gain[ri] + off[ri]), fround(B1[gi][i] * gain[gi] + off[gi]), fround(B1[bi][i] * gain[bi] + off[bi]), hasNir ? fround(B1[ni][i] * gain[ni] + off[ni]) : 0,
            hasNir, p.vegThreshold, wt,
          )
      : null;
  if (fast4) {
    const D2 = deferred ? deferBelow : T2;
    const db = deferred?.bits;
    const words = deferred?.words ?? 0;
    for (let y = mr; y < h - mr; y++) {
      for (let i = y * w + mr, end = y * w + w - mr; i < end; i++) {
        if (match4(SA, SB, i, odi, no, T2, D2, magnitude, bothSame) !== 0) {
          const x = i - y * w;
          db![y * words + (x >> 5)] |= 1 << (x & 31);
        }
        if (fillAll || magnitude[i] > minMag) fill(i);
        else flags[i] = VALID;
      }
    }
  }
  /** Squared distance between the dates at pixel i itself (no search). */
  const plain2 = (i: number): number => {
    const pi = i * nb;
    let d2 = 0;
    for (let b = 0; b < nb; b++) {
      const d = SA[pi + b] - SB[pi + b];
      d2 += d * d;
    }
    return d2;
  };
  /** Whether neighbour q at (xx, yy) lies in the window and is valid. */
  const usable = (q: number, xx: number, yy: number): boolean => xx >= 0 && yy >= 0 && xx < w && yy < h && valid[q] !== 0;
  /**
   * Squared magnitude of valid pixel i from its plain squared distance d2: the worse of the two
   * directions' best match within the search radius. With t2 > 0 a direction gives up once some
   * neighbour comes within t2 (an upper bound then); with t2 = 0 it is exact.
   */
  const bestMatch2 = (i: number, d2: number, t2: number): number => {
    const pi = i * nb;
    const y = (i / w) | 0;
    const x = i - y * w;
    // Away from the edges of an all-valid window no neighbour needs checking.
    const inner = allIn && x >= mr && y >= mr && x < w - mr && y < h - mr;
    // Direction 1: the after pixel against before's neighbourhood; direction 2: vice versa.
    let best1 = d2;
    for (let k = 0; k < no && best1 > t2; k++) {
      const q = i + odi[k];
      if (!inner && !usable(q, x + odx[k], y + ody[k])) continue;
      const pq = q * nb;
      let s = 0;
      // With a prefilter only whether some neighbour comes within t2 matters here (the first one
      // that does sets best1; without one the plain distance stands), so give up past t2. Exact
      // mode needs the true minimum: give up once no better.
      for (let b = 0; b < nb && (t2 <= 0 ? s < best1 : s <= t2); b++) {
        const d = SB[pi + b] - SA[pq + b];
        s += d * d;
      }
      if (s < best1) best1 = s;
    }
    let best2 = d2;
    if (best1 <= t2 || t2 <= 0) {
      for (let k = 0; k < no && best2 > t2; k++) {
        const q = i + odi[k];
        if (!inner && !usable(q, x + odx[k], y + ody[k])) continue;
        const pq = q * nb;
        let s = 0;
        for (let b = 0; b < nb && s < best2; b++) {
          const d = SA[pi + b] - SB[pq + b];
          s += d * d;
        }
        if (s < best2) best2 = s;
      }
    }
    return best1 > best2 ? best1 : best2;
  };
  const settleExact = (i: number): void => {
    const y = (i / w) | 0;
    const x = i - y * w;
    if (nb === 4 && allIn && no > 0 && x >= mr && y >= mr && x < w - mr && y < h - mr) {
      match4Exact(SA, SB, i, odi, no, magnitude);
      return;
    }
    const d2 = plain2(i);
    magnitude[i] = sqrt(no > 0 ? bestMatch2(i, d2, 0) : d2);
  };
  const settle = (i: number): void => {
    match4(SA, SB, i, odi, no, T2, T2, magnitude, null);
  };
  for (let i = 0; i < n; i += step) {
    if (fast4) {
      // Interior pixels are done; jump over them.
      const y = (i / w) | 0;
      const x = i - y * w;
      if (y >= mr && y < h - mr && x === mr) i += w - 2 * mr - 1;
      if (y >= mr && y < h - mr && x >= mr && x < w - mr) continue;
    }
    if (!valid[i]) continue;
    if (exact4) {
      const y = (i / w) | 0;
      const x = i - y * w;
      if (x >= mr && y >= mr && x < w - mr && y < h - mr) {
        match4Exact(SA, SB, i, odi, no, magnitude);
        if (fillAll || magnitude[i] > minMag) fill(i);
        else flags[i] = VALID;
        continue;
      }
    }
    let d2 = plain2(i);
    if (d2 > T2 && no > 0) d2 = bestMatch2(i, d2, T2);
    magnitude[i] = sqrt(d2);
    // Compare the stored (float32) magnitude, as detectWindow does.
    if (fillAll || magnitude[i] > minMag) fill(i);
    else flags[i] = VALID;
  }
  return { magnitude, vegBefore, vegAfter, waterBefore, waterAfter, logBrightness, angle, rednessBefore, rednessAfter, flags, fill, deferred, settle, settleExact };
}

/**
 * Magnitude (√ of the worse direction's best squared distance) of interior pixel i for four
 * interleaved bands, prefilter T2 > 0: exactly the general loop's result, unrolled. Stored into
 * `out[i]` rather than returned: a returned double is boxed (one heap number per pixel). A plain
 * squared distance in (T2, D2] stores the plain distance and returns 1 (search deferred), else 0.
 * A pixel above D2 for which `skip` holds keeps its plain distance too (its search is not needed).
 */
function match4(SA: Float32Array, SB: Float32Array, i: number, odi: Int32Array, no: number, T2: number, D2: number, out: Float32Array, skip: ((i: number) => boolean) | null): number {
  const pi = 4 * i;
  const a0 = SA[pi], a1 = SA[pi + 1], a2 = SA[pi + 2], a3 = SA[pi + 3];
  const b0 = SB[pi], b1 = SB[pi + 1], b2 = SB[pi + 2], b3 = SB[pi + 3];
  const e0 = (a0 - b0) * (a0 - b0), e1 = (a1 - b1) * (a1 - b1), e2 = (a2 - b2) * (a2 - b2), e3 = (a3 - b3) * (a3 - b3);
  const d2 = e0 + e1 + e2 + e3;
  if (!(d2 > D2) || (skip !== null && skip(i))) {
    out[i] = Math.sqrt(d2);
    return d2 > T2 && d2 <= D2 ? 1 : 0;
  }
  // A neighbour's squared distance is at least its square in any one band (rounding is monotonic,
  // so this holds for the float sums too), and the band where the pixel itself changed most drops
  // most neighbours: test it first (one load), then take survivors' full sum in band order as before.
  const kb = e0 >= e1 && e0 >= e2 && e0 >= e3 ? 0 : e1 >= e2 && e1 >= e3 ? 1 : e2 >= e3 ? 2 : 3;
  const ak = kb === 0 ? a0 : kb === 1 ? a1 : kb === 2 ? a2 : a3;
  const bk = kb === 0 ? b0 : kb === 1 ? b1 : kb === 2 ? b2 : b3;
  // Direction 1: is some before pixel around within T2 of the after pixel? The first one found
  // sets best1 (earlier ones were all above T2).
  let best1 = d2;
  for (let k = 0; k < no; k++) {
    const pq = 4 * (i + odi[k]);
    let e = bk - SA[pq + kb];
    if (e * e > T2) continue;
    e = b0 - SA[pq];
    let s = e * e;
    if (s > T2) continue;
    e = b1 - SA[pq + 1];
    s += e * e;
    if (s > T2) continue;
    e = b2 - SA[pq + 2];
    s += e * e;
    if (s > T2) continue;
    e = b3 - SA[pq + 3];
    s += e * e;
    if (s > T2) continue;
    best1 = s;
    break;
  }
  if (best1 > T2) {
    out[i] = Math.sqrt(d2);
    return 0;
  }
  // Direction 2: the before pixel against the after neighbourhood, true minimum unless within T2.
  const best2 = nearest4(a0, a1, a2, a3, ak, kb, SB, i, odi, no, d2, T2);
  out[i] = Math.sqrt(best1 > best2 ? best1 : best2);
  return 0;
}

/**
 * Exact magnitude (no prefilter) of interior pixel i for four interleaved bands, stored into
 * `out[i]`: the general loop's arithmetic for T2 = 0, unrolled.
 */
function match4Exact(SA: Float32Array, SB: Float32Array, i: number, odi: Int32Array, no: number, out: Float32Array): void {
  const pi = 4 * i;
  const a0 = SA[pi], a1 = SA[pi + 1], a2 = SA[pi + 2], a3 = SA[pi + 3];
  const b0 = SB[pi], b1 = SB[pi + 1], b2 = SB[pi + 2], b3 = SB[pi + 3];
  const e0 = (a0 - b0) * (a0 - b0), e1 = (a1 - b1) * (a1 - b1), e2 = (a2 - b2) * (a2 - b2), e3 = (a3 - b3) * (a3 - b3);
  const d2 = e0 + e1 + e2 + e3;
  const kb = e0 >= e1 && e0 >= e2 && e0 >= e3 ? 0 : e1 >= e2 && e1 >= e3 ? 1 : e2 >= e3 ? 2 : 3;
  const best1 = nearest4(b0, b1, b2, b3, kb === 0 ? b0 : kb === 1 ? b1 : kb === 2 ? b2 : b3, kb, SA, i, odi, no, d2, 0);
  const best2 = nearest4(a0, a1, a2, a3, kb === 0 ? a0 : kb === 1 ? a1 : kb === 2 ? a2 : a3, kb, SB, i, odi, no, d2, 0);
  out[i] = Math.sqrt(best1 > best2 ? best1 : best2);
}

/**
 * The smallest squared distance below `best` from the four-band value (x0..x3) to the pixels of S
 * at i + odi[0..no), stopping once it is at most `stop`. Band kb (value xk) is tested first: one
 * band's square is a lower bound of the sum (rounding is monotonic), so a neighbour it rules out is
 * never summed, and each neighbour is dropped as soon as its partial sum reaches the best so far.
 */
function nearest4(x0: number, x1: number, x2: number, x3: number, xk: number, kb: number, S: Float32Array, i: number, odi: Int32Array, no: number, best: number, stop: number): number {
  for (let k = 0; k < no && best > stop; k++) {
    const pq = 4 * (i + odi[k]);
    let e = xk - S[pq + kb];
    if (e * e >= best) continue;
    e = x0 - S[pq];
    let s = e * e;
    if (s >= best) continue;
    e = x1 - S[pq + 1];
    s += e * e;
    if (s >= best) continue;
    e = x2 - S[pq + 2];
    s += e * e;
    if (s >= best) continue;
    e = x3 - S[pq + 3];
    s += e * e;
    if (s < best) best = s;
  }
  return best;
}

/**
 * Linear contrast stretch of one band to 0–255 between its low and high percentiles (default 2 and
 * 98 %), computed over the valid pixels of the chip itself, so 12-bit satellite data and 8-bit photos
 * both come out with usable contrast.
 */
import { kthSmallest } from '../../geo/raster/kth-smallest.ts';

export interface StretchRange {
  lo: number;
  hi: number;
}

/** The [lo, hi] sample values at the given percentiles (0–100) of the valid, finite pixels. */
export function percentileRange(band: Float32Array, valid: Uint8Array, loPct = 2, hiPct = 98): StretchRange {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  let integer = true;
  for (let i = 0; i < band.length; i++) {
    const v = band[i];
    if (valid[i] === 0 || !Number.isFinite(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integer && Math.floor(v) !== v) integer = false;
  }
  if (n === 0) return { lo: 0, hi: 1 };
  const rank = (p: number): number => Math.min(n - 1, Math.max(0, Math.round((p / 100) * (n - 1))));
  const [kLo, kHi] = [rank(loPct), rank(hiPct)];
  const [lo, hi] = integer && max - min < HISTOGRAM_BINS ? histogramRanks(band, valid, min, max, kLo, kHi) : selectRanks(band, valid, n, kLo, kHi);
  // A flat chip (one value) still needs a non-empty range.
  return hi > lo ? { lo, hi } : { lo, hi: lo + 1 };
}

/** Integer samples (all of 8- to 16-bit imagery) spanning fewer values than this are ranked by counting. */
const HISTOGRAM_BINS = 1 << 17;

/** The kLo-th and kHi-th smallest valid values of integer samples in [min, max], by counting: exact, and several times faster than selection. */
function histogramRanks(band: Float32Array, valid: Uint8Array, min: number, max: number, kLo: number, kHi: number): [number, number] {
  const counts = new Uint32Array(max - min + 1);
  for (let i = 0; i < band.length; i++) if (valid[i] !== 0 && band[i] >= min && band[i] <= max) counts[band[i] - min]++;
  let lo = max;
  let hi = max;
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    const next = seen + counts[v];
    if (kLo >= seen && kLo < next) lo = v + min;
    if (kHi >= seen && kHi < next) {
      hi = v + min;
      break;
    }
    seen = next;
  }
  return [lo, hi];
}

/** The kLo-th and kHi-th smallest valid, finite values, by selection, O(n). */
function selectRanks(band: Float32Array, valid: Uint8Array, n: number, kLo: number, kHi: number): [number, number] {
  const vals = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < band.length; i++) if (valid[i] && Number.isFinite(band[i])) vals[m++] = band[i];
  // The higher one first, so the lower one only needs the part below it.
  const hi = kthSmallest(vals, kHi, 0, n - 1);
  const lo = kthSmallest(vals, kLo, 0, Math.max(kLo, kHi));
  return [lo, hi];
}

/**
 * Stretches three bands into interleaved RGB `out`, each by its range, in one pass; invalid pixels
 * get `invalidValue` in all three channels.
 */
export function stretchRgbInto(bands: [Float32Array, Float32Array, Float32Array], ranges: [StretchRange, StretchRange, StretchRange], valid: Uint8Array, out: Uint8Array, invalidValue: number): void {
  const [r, g, b] = bands;
  const [lr, lg, lb] = ranges.map((x) => x.lo);
  const [sr, sg, sb] = ranges.map((x) => 255 / (x.hi - x.lo));
  for (let i = 0, o = 0; i < valid.length; i++, o += 3) {
    if (valid[i] === 0) {
      out[o] = out[o + 1] = out[o + 2] = invalidValue;
      continue;
    }
    out[o] = toByte((r[i] - lr) * sr);
    out[o + 1] = toByte((g[i] - lg) * sg);
    out[o + 2] = toByte((b[i] - lb) * sb);
  }
}

/** Math.round clamped to 0–255, as floor(v + 0.5) without the call: this runs for every pixel of every chip. */
const toByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0);

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

/**
 * The [lo, hi] sample values at the given percentiles (0–100) of the valid, finite pixels.
 * `integer16`: every sample is an integer in (−2^16, 2^16) (BandStack.integer16), so the values are
 * counted in one pass without first checking what they are.
 */
export function percentileRange(band: Float32Array, valid: Uint8Array, loPct = 2, hiPct = 98, integer16 = false): StretchRange {
  const ranks = integer16 ? countedRanks16(band, valid, loPct, hiPct) : scannedRanks(band, valid, loPct, hiPct);
  if (!ranks) return { lo: 0, hi: 1 };
  const [lo, hi] = ranks;
  // A flat chip (one value) still needs a non-empty range.
  return hi > lo ? { lo, hi } : { lo, hi: lo + 1 };
}

/** The 0-based ranks of the percentiles among n values. */
function ranksOf(n: number, loPct: number, hiPct: number): [number, number] {
  const rank = (p: number): number => Math.min(n - 1, Math.max(0, Math.round((p / 100) * (n - 1))));
  return [rank(loPct), rank(hiPct)];
}

/** Counts of ≤ 16-bit integer samples by value + COUNT_OFFSET; zero between calls (each call clears what it counted). */
const COUNT_OFFSET = 1 << 16;
const counts16 = new Uint32Array(2 * COUNT_OFFSET);

function countedRanks16(band: Float32Array, valid: Uint8Array, loPct: number, hiPct: number): [number, number] | null {
  let n = 0;
  let min = COUNT_OFFSET;
  let max = -COUNT_OFFSET;
  // Branch-free on validity: an invalid pixel adds 0 (and may widen [min, max], which is harmless).
  for (let i = 0; i < band.length; i++) {
    const v = band[i] | 0;
    const ok = valid[i];
    counts16[v + COUNT_OFFSET] += ok;
    n += ok;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  if (n === 0) {
    counts16.fill(0, min + COUNT_OFFSET, max + COUNT_OFFSET + 1);
    return null;
  }
  const [kLo, kHi] = ranksOf(n, loPct, hiPct);
  const [lo, hi] = countRanks(counts16, min + COUNT_OFFSET, max + COUNT_OFFSET, kLo, kHi);
  counts16.fill(0, min + COUNT_OFFSET, max + COUNT_OFFSET + 1);
  return [lo - COUNT_OFFSET, hi - COUNT_OFFSET];
}

/** Values of unknown kind: a scan for count, range and integrality, then counting or selection. */
function scannedRanks(band: Float32Array, valid: Uint8Array, loPct: number, hiPct: number): [number, number] | null {
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
  if (n === 0) return null;
  const [kLo, kHi] = ranksOf(n, loPct, hiPct);
  return integer && max - min < HISTOGRAM_BINS ? histogramRanks(band, valid, min, max, kLo, kHi) : selectRanks(band, valid, n, kLo, kHi);
}

/** Integer samples (all of 8- to 16-bit imagery) spanning fewer values than this are ranked by counting. */
const HISTOGRAM_BINS = 1 << 17;

/** The kLo-th and kHi-th smallest valid values of integer samples in [min, max], by counting: exact, and several times faster than selection. */
function histogramRanks(band: Float32Array, valid: Uint8Array, min: number, max: number, kLo: number, kHi: number): [number, number] {
  const counts = new Uint32Array(max - min + 1);
  for (let i = 0; i < band.length; i++) if (valid[i] !== 0 && band[i] >= min && band[i] <= max) counts[band[i] - min]++;
  const [lo, hi] = countRanks(counts, 0, max - min, kLo, kHi);
  return [lo + min, hi + min];
}

/** The indices in counts[first..last] holding the kLo-th and kHi-th smallest counted values (kLo ≤ kHi). */
function countRanks(counts: Uint32Array, first: number, last: number, kLo: number, kHi: number): [number, number] {
  let lo = last;
  let hi = last;
  let seen = 0;
  for (let v = first; v <= last; v++) {
    const next = seen + counts[v];
    if (kLo >= seen && kLo < next) lo = v;
    if (kHi >= seen && kHi < next) {
      hi = v;
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
  // The clamped view clamps to 0–255 in the store itself (no branches on the data); floor(v + 0.5)
  // is the rounding, as the stored value is then an integer (NaN stores as 0, ±Infinity clamp).
  const clamped = new Uint8ClampedArray(out.buffer, out.byteOffset, valid.length * 3);
  for (let i = 0, o = 0; i < valid.length; i++, o += 3) {
    clamped[o] = Math.floor((r[i] - lr) * sr + 0.5);
    clamped[o + 1] = Math.floor((g[i] - lg) * sg + 0.5);
    clamped[o + 2] = Math.floor((b[i] - lb) * sb + 0.5);
  }
  for (let i = valid.indexOf(0); i >= 0; i = valid.indexOf(0, i + 1)) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = invalidValue;
}

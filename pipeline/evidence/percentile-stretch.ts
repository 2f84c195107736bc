/**
 * Linear contrast stretch of one band to 0–255 between its low and high percentiles (default 2 and
 * 98 %), computed over the valid pixels of the chip itself, so 12-bit satellite data and 8-bit photos
 * both come out with usable contrast. Invalid pixels map to 0.
 */
export interface StretchRange {
  lo: number;
  hi: number;
}

/** The [lo, hi] sample values at the given percentiles (0–100) of the valid, finite pixels. */
export function percentileRange(band: Float32Array, valid: Uint8Array, loPct = 2, hiPct = 98): StretchRange {
  const vals: number[] = [];
  for (let i = 0; i < band.length; i++) if (valid[i] && Number.isFinite(band[i])) vals.push(band[i]);
  if (vals.length === 0) return { lo: 0, hi: 1 };
  const sorted = Float64Array.from(vals).sort();
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))))];
  const lo = at(loPct);
  const hi = at(hiPct);
  // A flat chip (one value) still needs a non-empty range.
  return hi > lo ? { lo, hi } : { lo, hi: lo + 1 };
}

export function stretchBand(band: Float32Array, valid: Uint8Array, range: StretchRange): Uint8Array {
  const out = new Uint8Array(band.length);
  const scale = 255 / (range.hi - range.lo);
  for (let i = 0; i < band.length; i++) {
    if (!valid[i]) continue;
    const v = (band[i] - range.lo) * scale;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { percentileRange } from './percentile-stretch.ts';

/** The definition: sort the valid finite values and pick by rank. */
function bySorting(band: Float32Array, valid: Uint8Array, lo: number, hi: number) {
  const v = Float64Array.from([...band].filter((x, i) => valid[i] && Number.isFinite(x))).sort();
  const at = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round((p / 100) * (v.length - 1))))];
  return at(hi) > at(lo) ? { lo: at(lo), hi: at(hi) } : { lo: at(lo), hi: at(lo) + 1 };
}

describe('percentileRange', () => {
  // Scales: integers (counted), negative integers, fractions and integers spanning too many values to count (selected).
  it.each([1, -1, 0.37, 1000])('selects the same values as sorting, with ties, nodata and NaN (samples × %d)', (scale) => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [n, levels] of [[1, 5], [2, 1], [17, 3], [1000, 40], [4096, 4096], [65536, 256]]) {
      const band = Float32Array.from({ length: n }, () => Math.floor(rand() * levels) * scale + (rand() < 0.01 ? NaN : 0));
      const valid = Uint8Array.from({ length: n }, () => (rand() < 0.9 ? 1 : 0));
      for (const [lo, hi] of [[2, 98], [0, 100], [50, 50], [10, 90]]) expect(percentileRange(band, valid, lo, hi)).toEqual(bySorting(band, valid, lo, hi));
    }
  });

  it.each([1, -1])('counts ≤ 16-bit integer samples (integer16) to the same values as sorting (samples × %d)', (sign) => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [n, levels] of [[1, 5], [2, 1], [17, 3], [1000, 40], [4096, 4096], [65536, 65535]]) {
      const band = Float32Array.from({ length: n }, () => sign * Math.floor(rand() * levels) + 0); // + 0: no −0 in integer data
      const valid = Uint8Array.from({ length: n }, () => (rand() < 0.9 ? 1 : 0));
      for (const [lo, hi] of [[2, 98], [0, 100], [50, 50], [10, 90]]) expect(percentileRange(band, valid, lo, hi, true)).toEqual(bySorting(band, valid, lo, hi));
    }
    expect(percentileRange(new Float32Array(4).fill(-7), new Uint8Array(4), 2, 98, true)).toEqual({ lo: 0, hi: 1 });
  });

  it('gives a non-empty range for a flat or empty chip', () => {
    expect(percentileRange(new Float32Array(9).fill(3), new Uint8Array(9).fill(1))).toEqual({ lo: 3, hi: 4 });
    expect(percentileRange(new Float32Array(4), new Uint8Array(4))).toEqual({ lo: 0, hi: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { boxMean, boxMean4, boxMean4Valid } from './box-mean.ts';

const sc = [0.3, 0.2, 1.7, 0.5];
const of = [0, 1.5, -2, 3];

/** The reference for the four-band means: boxMean band by band into pixel-interleaved output. */
function interleavedBoxMeans(src: readonly Float32Array[], valid: Uint8Array, w: number, h: number, r: number): Float32Array {
  const a = new Float32Array(4 * w * h);
  for (let b = 0; b < 4; b++) boxMean(src[b], valid, w, h, r, { out: a, stride: 4, band: b, scale: sc[b], offset: of[b] });
  return a;
}

describe('boxMean', () => {
  it('averages valid neighbours only and clips at the edge', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const valid = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const out = boxMean(src, valid, 3, 3, 1);
    expect(boxMean(src, valid, 3, 3, 1, { scale: 2, offset: 1 })[4]).toBeCloseTo((2 * 36) / 8 + 1);
    expect(out[4]).toBeCloseTo((1 + 2 + 3 + 4 + 5 + 6 + 7 + 8) / 8);
    expect(out[0]).toBeCloseTo((1 + 2 + 4 + 5) / 4);
    expect(out[8]).toBeCloseTo((5 + 6 + 8) / 3);
  });
  it('boxMean4 equals four interleaved boxMean calls bit for bit', () => {
    const w = 23;
    const h = 17;
    const n = w * h;
    const src = [0, 1, 2, 3].map((b) => Float32Array.from({ length: n }, (_, i) => ((i + 3 * b) * 7919) % 4093));
    const ones = new Uint8Array(n).fill(1);
    for (const r of [0, 1, 2, 3, 9]) {
      expect(boxMean4(src, w, h, r, sc, of, new Float32Array(4 * n))).toEqual(interleavedBoxMeans(src, ones, w, h, r));
    }
  });
  it('boxMean4 equals boxMean bit for bit on fractional, large and negative samples too', () => {
    const w = 41;
    const h = 29;
    const n = w * h;
    const ones = new Uint8Array(n).fill(1);
    for (const make of [(i: number) => ((i * 7919) % 4093) / 7, (i: number) => ((i * 7919) % 4093) * 4099, (i: number) => ((i * 7919) % 4093) - 2046]) {
      const src = [0, 1, 2, 3].map((b) => Float32Array.from({ length: n }, (_, i) => make(i + 3 * b)));
      expect(boxMean4(src, w, h, 2, sc, of, new Float32Array(4 * n))).toEqual(interleavedBoxMeans(src, ones, w, h, 2));
    }
  });
  it('boxMean4 told the samples are 16-bit integers equals boxMean over the full uint16 and int16 range', () => {
    const w = 37;
    const h = 31;
    const n = w * h;
    const ones = new Uint8Array(n).fill(1);
    // Scattered values, and the extremes (the largest sums a 15² box can hold).
    for (const make of [(i: number) => (i * 7919) % 65536, (i: number) => ((i * 7919) % 65536) - 32768, () => 65535, () => -32768, (i: number) => (i % 3 === 0 ? 65535 : 0)]) {
      const src = [0, 1, 2, 3].map((b) => Float32Array.from({ length: n }, (_, i) => make(i + 3 * b)));
      for (const r of [1, 3, 7]) {
        expect(boxMean4(src, w, h, r, sc, of, new Float32Array(4 * n), true)).toEqual(interleavedBoxMeans(src, ones, w, h, r));
      }
    }
  });
  it('boxMean4Valid equals boxMean over the valid pixels bit for bit, and declines where sums may be inexact', () => {
    const w = 43;
    const h = 35;
    const n = w * h;
    // A block wider than any box here (its centre has no valid neighbour), scattered pixels, an invalid edge column.
    const valid = Uint8Array.from({ length: n }, (_, i) => {
      const x = i % w, y = Math.floor(i / w);
      return (x >= 10 && x < 30 && y >= 8 && y < 28) || (i * 7919) % 13 === 0 || x === w - 1 ? 0 : 1;
    });
    const src = [0, 1, 2, 3].map((b) => Float32Array.from({ length: n }, (_, i) => (((i + 3 * b) * 7919) % 65536) - (b === 2 ? 32768 : 0)));
    // The extremes too: the largest sums a 15² box can hold.
    const extreme = [65535, 65535, -32768, 65535].map((v) => new Float32Array(n).fill(v));
    for (const [bands, r] of [[src, 1], [src, 2], [src, 7], [extreme, 7]] as const) {
      const a = interleavedBoxMeans(bands, valid, w, h, r);
      for (const integer16 of [true, false]) {
        const out = new Float32Array(4 * n);
        expect(boxMean4Valid(bands, valid, w, h, r, sc, of, out, integer16)).toBe(true);
        expect(out).toEqual(a);
      }
    }
    const fractional = src.map((s) => s.map((v) => v / 7));
    expect(boxMean4Valid(fractional, valid, w, h, 2, sc, of, new Float32Array(4 * n))).toBe(false);
    expect(boxMean4Valid(src, valid, w, h, 0, sc, of, new Float32Array(4 * n), true)).toBe(false);
    expect(boxMean4Valid(src, valid, w, h, 22, sc, of, new Float32Array(4 * n), true)).toBe(false);
  });
});

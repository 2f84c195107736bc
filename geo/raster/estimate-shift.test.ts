import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { estimateShift } from './estimate-shift.ts';

/** A smooth texture sampled at (x + dx, y + dy): four bands of sums of slanted sines. */
function texture(w: number, h: number, dx: number, dy: number, seed: number, gain = 1, offset = 0): BandStack {
  const bands = [0, 1, 2, 3].map((b) => {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const u = x + dx, v = y + dy;
        const t = Math.sin(0.31 * u + 0.17 * v + seed) + Math.sin(0.11 * u - 0.23 * v + 2 * seed) + 0.5 * Math.sin(0.53 * u + 0.41 * v + b);
        out[y * w + x] = gain * (400 + 60 * t) + offset;
      }
    }
    return out;
  });
  return { width: w, height: h, bands, valid: new Uint8Array(w * h).fill(1) };
}

describe('estimateShift', () => {
  it('recovers a sub-pixel misregistration of the later date despite gain and offset', () => {
    for (const [sx, sy] of [[0.7, -0.4], [-1.3, 0.2], [0, 0]]) {
      const samples = [1, 2, 3, 4, 5].map((seed) => ({ before: texture(120, 120, 0, 0, seed), after: texture(120, 120, sx, sy, seed, 1.1, 40) }));
      const [ex, ey] = estimateShift(samples);
      // The parabola peak is biased towards whole pixels by up to ≈ 0.2 px; best-match absorbs the rest.
      expect(Math.abs(ex - sx)).toBeLessThan(0.25);
      expect(Math.abs(ey - sy)).toBeLessThan(0.25);
    }
  });

  it('reports no shift when too few windows have a clear correlation peak', () => {
    const flat = (): BandStack => ({ width: 120, height: 120, bands: [0, 1, 2, 3].map(() => new Float32Array(120 * 120).fill(500)), valid: new Uint8Array(120 * 120).fill(1) });
    const samples = [1, 2, 3, 4, 5].map((seed) => (seed < 4 ? { before: flat(), after: flat() } : { before: texture(120, 120, 0, 0, seed), after: texture(120, 120, 0.8, 0, seed) }));
    expect(estimateShift(samples)).toEqual([0, 0]);
  });
});

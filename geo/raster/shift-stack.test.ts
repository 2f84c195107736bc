import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { shiftStack } from './shift-stack.ts';

function ramp(w: number, h: number): BandStack {
  const band = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) band[y * w + x] = x + 100 * y;
  return { width: w, height: h, bands: [band, band.map((v) => 2 * v)], valid: new Uint8Array(w * h).fill(1), integer16: true };
}

describe('shiftStack', () => {
  it('moves the later date by whole pixels exactly, edge pixels standing in beyond the window', () => {
    for (const [sx, sy] of [[1, -2], [-3, 2], [0, 1], [2, 0]]) {
      const out = shiftStack(ramp(12, 10), sx, sy);
      expect([out.width, out.height]).toEqual([12, 10]);
      // Output (x, y) samples the input at (x − sx, y − sy), clamped to the window.
      for (let y = 0; y < 10; y++)
        for (let x = 0; x < 12; x++) {
          const want = Math.min(11, Math.max(0, x - sx)) + 100 * Math.min(9, Math.max(0, y - sy));
          expect(out.bands[0][y * 12 + x]).toBe(want);
          expect(out.bands[1][y * 12 + x]).toBe(2 * want);
        }
      expect(out.integer16).toBe(true);
    }
  });

  it('moves validity with the samples', () => {
    const s = ramp(12, 10);
    s.valid[5 * 12 + 5] = 0;
    const out = shiftStack(s, 1, -1);
    const bad: number[] = [];
    out.valid.forEach((v, i) => v === 0 && bad.push(i));
    expect(bad).toEqual([4 * 12 + 6]);
  });

  it('refuses a fractional shift rather than interpolating', () => {
    expect(() => shiftStack(ramp(12, 10), 0.5, 0)).toThrow(/whole pixels/);
  });
});

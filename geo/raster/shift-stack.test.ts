import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { cropStack, shiftStack } from './shift-stack.ts';

function ramp(w: number, h: number): BandStack {
  const band = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) band[y * w + x] = x + 100 * y;
  return { width: w, height: h, bands: [band, band.map((v) => 2 * v)], valid: new Uint8Array(w * h).fill(1), integer16: true };
}

describe('shiftStack', () => {
  it('moves the later date by whole pixels exactly and keeps the inner window', () => {
    const out = shiftStack(ramp(12, 10), 1, -2, 3);
    expect([out.width, out.height]).toEqual([6, 4]);
    // Output (x, y) samples the input at (x + 3 − 1, y + 3 + 2).
    for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) expect(out.bands[0][y * 6 + x]).toBe(x + 2 + 100 * (y + 5));
    expect(out.bands[1][0]).toBe(2 * (2 + 500));
    expect(out.integer16).toBe(true);
  });

  it('interpolates fractions bilinearly, rounding integer samples', () => {
    const out = shiftStack(ramp(12, 10), 0.5, 0.25, 3);
    // Input at (x + 2.5, y + 2.75): x + 2.5 + 100 (y + 2.75), rounded.
    expect(out.bands[0][0]).toBe(Math.round(2.5 + 275));
    const float = shiftStack({ ...ramp(12, 10), integer16: undefined }, 0.5, 0.25, 3);
    expect(float.bands[0][0]).toBeCloseTo(277.5, 4);
    expect(float.integer16).toBeUndefined();
  });

  it('marks a pixel invalid when any of its four source pixels is', () => {
    const s = ramp(12, 10);
    s.valid[5 * 12 + 5] = 0;
    const out = shiftStack(s, 0.5, 0.5, 3);
    // Sources (x + 2, y + 2) … (x + 3, y + 3): outputs (2..3, 2..3) touch input (5, 5).
    const bad: number[] = [];
    out.valid.forEach((v, i) => v === 0 && bad.push(i));
    expect(bad).toEqual([2 * 6 + 2, 2 * 6 + 3, 3 * 6 + 2, 3 * 6 + 3]);
  });
});

describe('cropStack', () => {
  it('keeps the inner window of bands and validity', () => {
    const s = ramp(12, 10);
    s.valid[4 * 12 + 4] = 0;
    const out = cropStack(s, 3);
    expect([out.width, out.height]).toEqual([6, 4]);
    expect(out.bands[0][0]).toBe(3 + 300);
    expect(out.valid[1 * 6 + 1]).toBe(0);
    expect(out.valid.reduce((a, v) => a + v, 0)).toBe(23);
  });
});

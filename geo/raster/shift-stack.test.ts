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
    const out = shiftStack(ramp(12, 10), 1, -2);
    expect([out.width, out.height]).toEqual([12, 10]);
    // Output (x, y) samples the input at (x − 1, y + 2), clamped to the window.
    for (let y = 0; y < 10; y++) for (let x = 0; x < 12; x++) expect(out.bands[0][y * 12 + x]).toBe(Math.max(0, x - 1) + 100 * Math.min(9, y + 2));
    expect(out.bands[1][5 * 12 + 5]).toBe(2 * (4 + 700));
    expect(out.integer16).toBe(true);
  });

  it('interpolates fractions bilinearly, rounding integer samples', () => {
    const out = shiftStack(ramp(12, 10), -0.5, -0.25);
    // Input at (x + 0.5, y + 0.25): x + 0.5 + 100 (y + 0.25), rounded.
    expect(out.bands[0][3 * 12 + 4]).toBe(Math.round(4.5 + 325));
    const float = shiftStack({ ...ramp(12, 10), integer16: undefined }, -0.5, -0.25);
    expect(float.bands[0][3 * 12 + 4]).toBeCloseTo(329.5, 4);
    expect(float.integer16).toBeUndefined();
  });

  it('marks a pixel invalid when any of its four source pixels is', () => {
    const s = ramp(12, 10);
    s.valid[5 * 12 + 5] = 0;
    const out = shiftStack(s, 0.5, 0.5);
    // Sources (x − 1, y − 1) … (x, y): outputs (5..6, 5..6) touch input (5, 5).
    const bad: number[] = [];
    out.valid.forEach((v, i) => v === 0 && bad.push(i));
    expect(bad).toEqual([5 * 12 + 5, 5 * 12 + 6, 6 * 12 + 5, 6 * 12 + 6]);
  });
});

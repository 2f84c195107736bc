import { describe, expect, it } from 'vitest';
import { resampleBilinear } from './align-resample.ts';
import { sourceWindowFor } from './align-source-window.ts';

describe('resampleBilinear', () => {
  const w = 4, h = 3;
  const band = Float32Array.from({ length: w * h }, (_, i) => (i % w) * 10 + Math.floor(i / w) * 100);
  const src = { width: w, height: h, bands: [band], valid: new Uint8Array(w * h).fill(1) };
  const srcWin = { x: 10, y: 20, width: w, height: h };

  it('interpolates between pixel centres and takes the nearest pixel at edges', () => {
    // Image position (11.0, 21.5): halfway between centres of window columns 0 and 1, on row 1's centre.
    const out = resampleBilinear(src, srcWin, Float64Array.from([11.0, 10.2, 9.9]), Float64Array.from([21.5, 20.2, 21.5]), 3, 1);
    expect(out.bands[0][0]).toBeCloseTo(105, 5);
    expect(out.bands[0][1]).toBe(0); // corner: nearest
    expect(Array.from(out.valid)).toEqual([1, 1, 0]); // 9.9 lies outside the window
  });

  it('does not mix nodata into bilinear values', () => {
    const valid = new Uint8Array(w * h).fill(1);
    valid[1 * w + 1] = 0;
    const out = resampleBilinear({ ...src, valid }, srcWin, Float64Array.from([10.9, 11.5]), Float64Array.from([21.4, 21.5]), 2, 1);
    expect(out.bands[0][0]).toBe(100); // neighbour invalid → nearest (column 0, row 1)
    expect(out.valid[1]).toBe(0); // containing pixel is nodata
  });
});

describe('sourceWindowFor', () => {
  it('covers positions with their bilinear neighbours, clipped to the image', () => {
    expect(sourceWindowFor(Float64Array.from([3.2, 7.9]), Float64Array.from([0.1, 5.5]), 100, 100)).toEqual({ x: 2, y: 0, width: 7, height: 7 });
    expect(sourceWindowFor(Float64Array.from([-5]), Float64Array.from([-5]), 100, 100)).toBeNull();
  });
});

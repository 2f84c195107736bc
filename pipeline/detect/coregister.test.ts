import { describe, expect, it } from 'vitest';
import { coregister, correctedShift, readExtent } from './coregister.ts';

describe('readExtent', () => {
  it('adds the margin inside the image, and never less than the window', () => {
    expect(readExtent({ x: 100, y: 50, width: 20, height: 10 }, 1000, 1000)).toEqual({ x: 97, y: 47, width: 26, height: 16 });
    expect(readExtent({ x: 1, y: 0, width: 20, height: 10 }, 22, 1000)).toEqual({ x: 0, y: 0, width: 22, height: 13 });
    // A window hanging over the edge (small images) keeps its own extent there.
    expect(readExtent({ x: -5, y: 0, width: 20, height: 10 }, 1000, 1000)).toEqual({ x: -5, y: 0, width: 23, height: 13 });
  });

  it('leaves an empty or malformed window as it is, so reading it still fails', () => {
    const bad = { x: 0, y: 0, width: -1, height: -1 };
    expect(readExtent(bad, 1000, 1000)).toBe(bad);
  });
});

describe('correctedShift', () => {
  it('rounds the estimate to whole pixels, and records none below half a pixel', () => {
    expect(correctedShift([-1.01, -1.02])).toEqual([-1, -1]);
    expect(correctedShift([0.68, -0.4])).toEqual([1, 0]);
    expect(correctedShift([0.45, -0.45])).toBeUndefined();
    expect(Object.is(correctedShift([1.6, -0.3])![1], 0)).toBe(true);
  });
});

describe('coregister', () => {
  it('moves the later date by whole pixels, rounding a fractional shift recorded by an earlier version', () => {
    const w = 6, h = 4;
    const stack = (k: number) => ({ width: w, height: h, bands: [Float32Array.from({ length: w * h }, (_, i) => i * k)], valid: new Uint8Array(w * h).fill(1), integer16: true });
    const before = stack(1);
    const after = stack(2);
    const whole = coregister({ before, after }, [1, 0]);
    expect(whole.before).toBe(before);
    // Output (x, y) is the later date at (x − 1, y), its left edge repeated.
    expect(Array.from(whole.after.bands[0].subarray(0, w))).toEqual([0, 0, 2, 4, 6, 8]);
    expect(coregister({ before, after }, [0.62, -0.3]).after.bands[0]).toEqual(whole.after.bands[0]);
  });
});

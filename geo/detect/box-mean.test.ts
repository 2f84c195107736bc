import { describe, expect, it } from 'vitest';
import { boxMean } from './box-mean.ts';

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
});

import { describe, expect, it } from 'vitest';
import { boxMeanStack } from './align-box-mean.ts';

describe('boxMeanStack', () => {
  it('averages k × k neighbourhoods, clipped at edges, skipping nodata', () => {
    const w = 4, h = 3;
    const band = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const valid = new Uint8Array(w * h).fill(1);
    valid[5] = 0; // the 6 is nodata
    const out = boxMeanStack({ width: w, height: h, bands: [band], valid }, 3, 3);
    // Centre (1,1) is nodata: stays invalid; its value is the mean of the 8 valid neighbours.
    expect(out.valid[5]).toBe(0);
    expect(out.bands[0][5]).toBeCloseTo((1 + 2 + 3 + 5 + 7 + 9 + 10 + 11) / 8, 5);
    // Corner (0,0): mean of 1, 2, 5 (6 is nodata).
    expect(out.bands[0][0]).toBeCloseTo((1 + 2 + 5) / 3, 5);
    // (2,1): 2,3,4,7,8,10,11,12 (6 excluded).
    expect(out.bands[0][6]).toBeCloseTo((2 + 3 + 4 + 7 + 8 + 10 + 11 + 12) / 8, 5);
  });
});

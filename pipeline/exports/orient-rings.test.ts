import { describe, expect, it } from 'vitest';
import { orientPolygon, signedArea2 } from './orient-rings.ts';

describe('orientPolygon', () => {
  const ccw = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
  it('measures counter-clockwise as positive', () => {
    expect(signedArea2(ccw)).toBeCloseTo(2);
    expect(signedArea2([...ccw].reverse())).toBeCloseTo(-2);
  });
  it('winds exteriors and holes opposite ways', () => {
    const [ext, hole] = orientPolygon([ccw, ccw], 'cw');
    expect(signedArea2(ext)).toBeLessThan(0);
    expect(signedArea2(hole)).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { pixelSizeM } from './pixel-size-m.ts';

describe('pixelSizeM', () => {
  it('is the pixel size for projected grids', () => {
    expect(pixelSizeM({ crs: 4526, originX: 0, originY: 0, resX: 2, resY: 2, width: 10, height: 10 })).toBe(2);
  });
  it('converts degrees at the grid centre (Sentinel-2 10 m pixels in EPSG:4326 at 48.85°N)', () => {
    // OSCD Paris: 0.0000898° × 0.0000898° is ≈ 6.6 m E-W × 10 m N-S; the geometric mean is ≈ 8.1 m.
    const g = { crs: 4326, originX: 2.3, originY: 48.86, resX: 0.0000898, resY: 0.0000898, width: 200, height: 200 };
    const m = pixelSizeM(g);
    expect(m).toBeGreaterThan(8.0);
    expect(m).toBeLessThan(8.3);
  });
  it('scales Web Mercator metres to the ground at the grid centre (cos 30° at 30°N)', () => {
    // y of 30°N on the Web Mercator sphere: R · ln(tan(45° + 15°)).
    const y30 = 6378137 * Math.log(Math.tan(Math.PI / 3));
    const m = pixelSizeM({ crs: 3857, originX: 12_700_000, originY: y30 + 50, resX: 1, resY: 1, width: 100, height: 100 });
    expect(m).toBeCloseTo(Math.cos(Math.PI / 6), 4);
  });
  it('is ≈ 111 km for one degree at the equator', () => {
    const m = pixelSizeM({ crs: 4490, originX: 0, originY: 0.5, resX: 1, resY: 1, width: 1, height: 1 });
    expect(m).toBeGreaterThan(110_000);
    expect(m).toBeLessThan(111_500);
  });
});

import { describe, expect, it } from 'vitest';
import { cropGrid } from './grid-crop.ts';
import { lonLatToPixel, pixelToLonLat } from './grid-lonlat.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';

const grid = { crs: 4526, originX: 38_500_000, originY: 3_400_000, resX: 2, resY: 0.5, width: 100, height: 80 };

describe('grid transforms', () => {
  it('maps pixel corners and centres to map coordinates and back', () => {
    expect(pixelToMap(grid, 0, 0)).toEqual([38_500_000, 3_400_000]);
    expect(pixelToMap(grid, 10.5, 4)).toEqual([38_500_021, 3_399_998]);
    expect(mapToPixel(grid, 38_500_021, 3_399_998)).toEqual([10.5, 4]);
  });

  it('goes to lon/lat through the CRS (EPSG:4526 central meridian 114°E)', () => {
    const [lon, lat] = pixelToLonLat(grid, 0, 0);
    expect(lon).toBeCloseTo(114, 9);
    expect(lat).toBeGreaterThan(30.7);
    const [c, r] = lonLatToPixel(grid, lon, lat);
    expect(c).toBeCloseTo(0, 6);
    expect(r).toBeCloseTo(0, 6);
  });

  it('crops to a window', () => {
    expect(cropGrid(grid, { x: 10, y: 4, width: 5, height: 6 })).toEqual({ ...grid, originX: 38_500_020, originY: 3_399_998, width: 5, height: 6 });
  });
});

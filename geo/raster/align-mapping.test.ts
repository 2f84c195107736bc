import { describe, expect, it } from 'vitest';
import { crsTransform } from '../crs/transform.ts';
import type { Grid } from '../types.ts';
import { createPixelMapping } from './align-mapping.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';

const target: Grid = { crs: 4526, originX: 38_500_000, originY: 3_375_000, resX: 2, resY: 2, width: 300, height: 200 };

describe('createPixelMapping', () => {
  it('detects whole-pixel shifts', () => {
    expect(createPixelMapping(target, { ...target, originX: target.originX - 10, originY: target.originY + 4 })).toEqual({ kind: 'shift', dx: 5, dy: 2 });
  });

  it('maps through an affine transform for the same CRS', () => {
    const source = { ...target, originX: target.originX - 1, resX: 4, resY: 4 };
    const m = createPixelMapping(target, source);
    if (m.kind !== 'coords') throw new Error('expected coords');
    const { sx, sy } = m.map({ x: 10, y: 20, width: 3, height: 2 });
    // Target pixel (10, 20) centre: x = origin + 21 m → source col (21 + 1) / 4 = 5.5; row 41 / 4 = 10.25.
    expect(sx[0]).toBeCloseTo(5.5, 12);
    expect(sy[0]).toBeCloseTo(10.25, 12);
  });

  it('approximates the exact reprojection within 0.01 pixel through the mesh', () => {
    const source: Grid = { crs: 32650, originX: 200_000, originY: 3_380_000, resX: 1.5, resY: 1.5, width: 1000, height: 1000 };
    const m = createPixelMapping(target, source);
    if (m.kind !== 'coords') throw new Error('expected coords');
    const win = { x: 7, y: 3, width: 150, height: 100 };
    const { sx, sy } = m.map(win);
    const exact = crsTransform(target.crs, source.crs);
    let worst = 0;
    for (let r = 0; r < win.height; r += 7)
      for (let c = 0; c < win.width; c += 5) {
        const [x, y] = pixelToMap(target, win.x + c + 0.5, win.y + r + 0.5);
        const [u, v] = exact(x, y);
        const [col, row] = mapToPixel(source, u, v);
        worst = Math.max(worst, Math.abs(col - sx[r * win.width + c]), Math.abs(row - sy[r * win.width + c]));
      }
    expect(worst).toBeLessThan(0.01);
  });
});

import { describe, expect, it } from 'vitest';
import type { Grid } from '../types.ts';
import { overlapWindow } from './align-overlap.ts';

const target: Grid = { crs: 32650, originX: 600_000, originY: 3_500_000, resX: 10, resY: 10, width: 100, height: 100 };

describe('overlapWindow', () => {
  it('intersects extents in the same CRS', () => {
    expect(overlapWindow(target, target)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
    expect(overlapWindow(target, { ...target, originX: 600_250, originY: 3_499_500, width: 10, height: 10 })).toEqual({ x: 25, y: 50, width: 10, height: 10 });
    expect(overlapWindow(target, { ...target, originX: 700_000 })).toBeNull();
  });

  it('keeps target pixels whose centres the source covers', () => {
    // Source covers 4 m … 94 m: pixel 0 (centre 5 m) is in, pixel 9 (centre 95 m) is out.
    expect(overlapWindow(target, { ...target, originX: 600_004, resX: 1, width: 90 })).toMatchObject({ x: 0, width: 9 });
  });

  it('transforms the footprint of a source in another CRS', () => {
    // A geographic source exactly covering the target's lon/lat box contains the whole target.
    const win = overlapWindow(target, { crs: 4326, originX: 117.9, originY: 31.7, resX: 0.001, resY: 0.001, width: 300, height: 300 });
    expect(win).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

import { describe, expect, it } from 'vitest';
import { haloWindows } from '../../geo/raster/halo-windows.ts';
import { unitOrder } from './unit-order.ts';

describe('unitOrder', () => {
  it('orders units row by row through pairs of columns', () => {
    const units = haloWindows(3000, 4000, 1024, 17); // 3 columns × 4 rows
    const cores = unitOrder(units).map((i) => [units[i].core.x, units[i].core.y]);
    expect(cores.slice(0, 10)).toEqual([[0, 0], [1024, 0], [0, 1024], [1024, 1024], [0, 2048], [1024, 2048], [0, 3072], [1024, 3072], [2048, 0], [2048, 1024]]);
  });
});

import { describe, expect, it } from 'vitest';
import { haloWindows } from '../../geo/raster/halo-windows.ts';
import { nextUnit, splitRuns, unitOrder } from './unit-pool.ts';

describe('unit scheduling', () => {
  const units = haloWindows(3000, 4000, 1024, 17); // 3 columns × 4 rows

  it('orders units row by row through pairs of columns', () => {
    const cores = unitOrder(units).map((i) => [units[i].core.x, units[i].core.y]);
    expect(cores.slice(0, 10)).toEqual([[0, 0], [1024, 0], [0, 1024], [1024, 1024], [0, 2048], [1024, 2048], [0, 3072], [1024, 3072], [2048, 0], [2048, 1024]]);
  });

  it('issues every unit once, each thread walking contiguous units even when one is faster', () => {
    const order = unitOrder(units);
    const runs = splitRuns(order, 2);
    const got: number[][] = [[], []];
    // Thread 0 runs three units for each one of thread 1.
    for (let step = 0; ; step++) {
      const k = step % 4 === 3 ? 1 : 0;
      const id = nextUnit(runs, k);
      if (id === undefined) {
        if (nextUnit(runs, 1 - k) === undefined) break;
        throw new Error('a thread ran dry while units remained');
      }
      got[k].push(id);
    }
    expect([...got[0], ...got[1]].sort((a, b) => a - b)).toEqual(units.map((_, i) => i));
    // Thread 1 starts at the middle of the order and walks on from there.
    expect(got[1].slice(0, 2)).toEqual([order[6], order[7]]);
    // Thread 0 finished its half, then took the back half of thread 1's rest.
    expect(got[0].slice(0, 6)).toEqual(order.slice(0, 6));
    expect(got[0].length).toBeGreaterThan(6);
  });
});

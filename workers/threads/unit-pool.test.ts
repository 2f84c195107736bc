import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haloWindows } from '../../geo/raster/halo-windows.ts';
import { openPair } from '../../geo/raster/open-pair.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import { resolveDetectOptions } from '../../pipeline/detect/detect-options.ts';
import { fitPairModel } from '../../pipeline/detect/fit-pair-model.ts';
import { planUnits } from '../../pipeline/detect/plan-units.ts';
import { unitOrder } from '../../pipeline/detect/unit-order.ts';
import { nextUnit, openUnitPool, runUnitsInThreads, splitRuns, type UnitPoolOptions } from './unit-pool.ts';

describe('unit scheduling', () => {
  const units = haloWindows(3000, 4000, 1024, 17); // 3 columns × 4 rows

  it('issues every unit once, each thread walking contiguous units even when one is faster', () => {
    const order = unitOrder(units);
    const runs = splitRuns(order, 2, units);
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

  it('begins each run with its largest unit, the rest in order', () => {
    const order = unitOrder(units);
    const area = (i: number) => units[i].outer.width * units[i].outer.height;
    const before = [...order];
    const runs = splitRuns(order, 2, units);
    for (const r of runs) {
      const own = order.slice(r.next, r.end);
      expect(area(own[0])).toBe(Math.max(...own.map(area)));
      expect([...own].sort((a, b) => a - b)).toEqual(before.slice(r.next, r.end).sort((a, b) => a - b));
    }
    // Run 0 begins with the interior unit at (1024, 1024); the corner unit takes its place.
    expect(units[order[0]].core).toMatchObject({ x: 1024, y: 1024 });
    expect(order.slice(1, 6)).toEqual([before[1], before[2], before[0], before[4], before[5]]);
  });
});

describe('openUnitPool', () => {
  const sample = (f: string) => fileURLToPath(new URL(`../../fixtures/sample/${f}`, import.meta.url));
  // The sample pair both ways round: two pairs with different models and results.
  async function job(beforePath: string, afterPath: string) {
    const opts = resolveDetectOptions({ windowSize: 128 });
    const pair = await openPair(beforePath, afterPath);
    try {
      const model = await fitPairModel(pair, opts);
      return { units: planUnits(pair.grid, model, opts), opts: { beforePath, afterPath, model } satisfies UnitPoolOptions };
    } finally {
      await pair.close();
    }
  }
  async function collect(run: (onResult: (i: number, p: PatchPiece[]) => void) => Promise<void>): Promise<PatchPiece[][]> {
    const out: PatchPiece[][] = [];
    await run((i, pieces) => (out[i] = pieces));
    return out;
  }

  it('runs pair after pair on the same threads, each as a pool of its own would', async () => {
    const jobs = [await job(sample('before.tif'), sample('after.tif')), await job(sample('after.tif'), sample('before.tif'))];
    expect(jobs[0].units.length).toBeGreaterThan(2);
    const alone = [];
    for (const j of jobs) alone.push(await collect((on) => runUnitsInThreads(j.units, { ...j.opts, threads: 2 }, on)));
    expect(alone[0]).not.toEqual(alone[1]);
    const pool = openUnitPool(2);
    try {
      for (const [k, j] of [...jobs, jobs[0]].entries()) expect(await collect((on) => pool.run(j.units, j.opts, on))).toEqual(alone[k % 2]);
      // A pair that cannot be opened fails its run only; the next pair gets threads that work.
      const missing = { ...jobs[0].opts, beforePath: sample('missing.tif') };
      await expect(collect((on) => pool.run(jobs[0].units, missing, on))).rejects.toThrow(/missing\.tif/);
      expect(await collect((on) => pool.run(jobs[1].units, jobs[1].opts, on))).toEqual(alone[1]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

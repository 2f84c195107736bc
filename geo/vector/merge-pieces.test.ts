import { describe, expect, it } from 'vitest';
import { haloWindows } from '../raster/halo-windows.ts';
import type { ChangeRaster } from '../types.ts';
import { mergePieces } from './merge-pieces.ts';
import { cutRaster, randomRaster, rasterFromRows, seeded, wholeWindow } from './test-support.ts';
import type { PatchPiece } from './types.ts';
import { windowPieces } from './window-pieces.ts';

function windowed(r: ChangeRaster, size: number, halo: number): PatchPiece[] {
  return haloWindows(r.width, r.height, size, halo).flatMap((win) => windowPieces(cutRaster(r, win), win));
}

describe('mergePieces', () => {
  it('merges a blob spanning four windows into the single-window polygon and stats', () => {
    const r = rasterFromRows([
      '........',
      '.######.',
      '.#....#.',
      '.#.##.##',
      '.#.##.#.',
      '.#....#.',
      '.######.',
      '#.......',
    ]);
    r.features[0].forEach((_, i) => (r.features[0][i] = 0.1 * (i % 7)));
    const pieces = windowed(r, 4, 1);
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    const merged = mergePieces(pieces);
    expect(merged).toEqual(mergePieces(windowPieces(r, wholeWindow(r))));
    expect(merged).toHaveLength(2);
    const [ring, island] = merged;
    // One shell with one hole (plus the corner pixel at (0, 7), 8-connected through (1, 6)).
    expect(ring.polygons).toEqual([
      [[1, 1, 1, 7, 7, 7, 7, 4, 8, 4, 8, 3, 7, 3, 7, 1], [2, 2, 6, 2, 6, 6, 2, 6]],
      [[0, 7, 0, 8, 1, 8, 1, 7]],
    ]);
    expect(ring.stats.pixelCount).toBe(22);
    expect(island.polygons).toEqual([[[3, 3, 3, 5, 5, 5, 5, 3]]]);
    expect(island.bbox).toEqual({ x: 3, y: 3, width: 2, height: 2 });
  });

  it('is identical to one big window on random masks, for several window sizes and any piece order', () => {
    let compared = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = seeded(seed);
      const r = randomRaster(31 + (seed % 7), 23 + (seed % 5), 0.2 + 0.6 * rnd(), rnd);
      const expected = mergePieces(windowPieces(r, wholeWindow(r)));
      for (const size of seed <= 3 ? [1, 3, 8, 13] : [2, 5, 13]) {
        const pieces = windowed(r, size, 2);
        if (seed % 2 === 0) pieces.reverse();
        const got = mergePieces(pieces);
        expect(got).toEqual(expected);
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('gives the same result from pieces that went through JSON (thread/process boundaries)', () => {
    const r = randomRaster(40, 30, 0.45, seeded(99));
    const pieces = windowed(r, 7, 1);
    expect(mergePieces(JSON.parse(JSON.stringify(pieces)) as PatchPiece[])).toEqual(mergePieces(pieces));
    expect(mergePieces(structuredClone(pieces))).toEqual(mergePieces(pieces));
  });

  it('keeps feature sums bit-identical although float addition order differs', () => {
    // Values chosen so that naive left-to-right sums depend on the order.
    const r = rasterFromRows(['####']);
    r.features = [new Float32Array([1e8, 1, -1e8, 1])];
    const whole = mergePieces(windowPieces(r, wholeWindow(r)));
    const cut = mergePieces(windowed(r, 1, 0).reverse());
    expect(cut[0].stats.featureSums).toEqual(whole[0].stats.featureSums);
    expect(whole[0].stats.featureSums).toEqual([2]);
  });

  it('counts a channel missing from pieces saved by an earlier version as 0', () => {
    const r = rasterFromRows(['####']);
    r.features = [new Float32Array([1, 2, 3, 4]), new Float32Array([1, 1, 1, 1])];
    const pieces = windowed(r, 2, 0);
    expect(pieces).toHaveLength(2);
    const old = pieces.map((p, k) => (k === 0 ? { ...p, featureBuckets: p.featureBuckets.slice(0, 1) } : p));
    for (const order of [old, [...old].reverse()]) expect(mergePieces(order)[0].stats.featureSums).toEqual([10, 2]);
  });

  it('merges a few thousand border pieces quickly', () => {
    const r = randomRaster(256, 256, 0.3, seeded(7));
    const pieces = windowed(r, 8, 0);
    expect(pieces.length).toBeGreaterThan(2000);
    const cpu = process.cpuUsage();
    const merged = mergePieces(pieces);
    const used = process.cpuUsage(cpu);
    // CPU time, not wall time: the suite shares two cores with other work.
    const ms = (used.user + used.system) / 1000;
    expect(merged).toEqual(mergePieces(windowPieces(r, wholeWindow(r))));
    expect(ms).toBeLessThan(3000);
  });
});

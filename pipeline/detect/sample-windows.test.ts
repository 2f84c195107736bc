import { describe, expect, it } from 'vitest';
import type { Grid } from '../../geo/types.ts';
import { sampleWindows, sharedSampleWindows } from './sample-windows.ts';

describe('sampleWindows', () => {
  it('covers a small grid completely', () => {
    const wins = sampleWindows(500, 300, 24, 384);
    const covered = wins.reduce((s, w) => s + w.width * w.height, 0);
    expect(covered).toBe(500 * 300);
  });
  it('spreads the requested count over a large grid, inside it, without overlap', () => {
    const wins = sampleWindows(8192, 8192, 24, 384);
    expect(wins.length).toBeGreaterThanOrEqual(24);
    expect(wins.length).toBeLessThanOrEqual(30);
    for (const w of wins) {
      expect(w.x).toBeGreaterThanOrEqual(0);
      expect(w.x + w.width).toBeLessThanOrEqual(8192);
      expect(w.y + w.height).toBeLessThanOrEqual(8192);
    }
    const xs = new Set(wins.map((w) => w.x));
    expect(xs.size).toBeGreaterThan(3);
  });
});

describe('sharedSampleWindows', () => {
  const scene: Grid = { crs: 4526, originX: 38_500_000, originY: 3_350_000, resX: 1, resY: 1, width: 8192, height: 6000 };
  /** The scene cut into vertical strips `at` the given columns, as tiles are. */
  const strips = (cuts: number[]): Grid[] =>
    [0, ...cuts].map((x, k, xs) => ({ ...scene, originX: scene.originX + x, width: (xs[k + 1] ?? scene.width) - x }));
  const pixelsOf = (grids: Grid[], pieces: ReturnType<typeof sharedSampleWindows>) =>
    pieces.flatMap((ps, k) => ps.map((p) => ({ ...p, x: p.x + grids[k].originX - scene.originX })));

  it('gives one tile exactly its own sample windows', () => {
    expect(sharedSampleWindows([scene], 24, 384)).toEqual([sampleWindows(scene.width, scene.height, 24, 384)]);
  });

  it('samples the same ground from a scene cut into tiles as from the scene, less slivers under 16 px', () => {
    const whole = sampleWindows(scene.width, scene.height, 24, 384);
    for (const cuts of [[4096], [1000, 2000, 3000, 5000], Array.from({ length: 63 }, (_, k) => 128 * (k + 1))]) {
      const tiles = strips(cuts);
      const got = pixelsOf(tiles, sharedSampleWindows(tiles, 24, 384));
      const area = (ws: { width: number; height: number }[]) => ws.reduce((s, w) => s + w.width * w.height, 0);
      // Every piece lies in a window of the uncut scene, and together they cover nearly all of them.
      for (const p of got) expect(whole.some((w) => p.x >= w.x && p.x + p.width <= w.x + w.width && p.y === w.y && p.height === w.height)).toBe(true);
      expect(area(got)).toBeGreaterThan(0.9 * area(whole));
      expect(area(got)).toBeLessThanOrEqual(area(whole));
    }
  });

  it('makes the lattice denser where tiles leave gaps, so windows still land on them', () => {
    const a: Grid = { ...scene, width: 2048, height: 2048 };
    const b: Grid = { ...a, originX: a.originX + 6144, originY: a.originY - 6144 };
    const pieces = sharedSampleWindows([a, b], 24, 384);
    for (const ps of pieces) expect(ps.length).toBeGreaterThanOrEqual(8);
    for (const [k, ps] of pieces.entries()) for (const p of ps) expect(p.x + p.width <= [a, b][k].width && p.y + p.height <= [a, b][k].height).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { applyMask, footprintHalfSize, maskOntoGrid, maskSourceWindow } from './mask-onto-grid.ts';

/** A single-band mask stack from rows of 0/1 (any nonzero = set). */
function maskStack(rows: number[][]): BandStack {
  const h = rows.length, w = rows[0].length;
  return { width: w, height: h, bands: [Float32Array.from(rows.flat())], valid: new Uint8Array(w * h).fill(1) };
}

/** Source positions of a target grid whose pixel centre (c + 0.5, r + 0.5) maps to ((c + 0.5) · k + ox, (r + 0.5) · k + oy). */
function positions(width: number, height: number, k: number, ox = 0, oy = 0): { sx: Float64Array; sy: Float64Array } {
  const sx = new Float64Array(width * height), sy = new Float64Array(width * height);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      sx[r * width + c] = (c + 0.5) * k + ox;
      sy[r * width + c] = (r + 0.5) * k + oy;
    }
  return { sx, sy };
}

const grid = (flags: Uint8Array, w: number): number[][] => Array.from({ length: flags.length / w }, (_, r) => Array.from(flags.subarray(r * w, r * w + w)));

describe('maskOntoGrid', () => {
  it('a coarser mask on nested grids: each mask pixel covers its 2 × 2 target pixels, neighbours stay clear', () => {
    const src = maskStack([[0, 1, 0], [0, 0, 0]]);
    const { sx, sy } = positions(6, 4, 0.5);
    const out = maskOntoGrid(src, { x: 0, y: 0, width: 3, height: 2 }, sx, sy, 0.25, 0.25);
    expect(grid(out, 6)).toEqual([
      [0, 0, 1, 1, 0, 0],
      [0, 0, 1, 1, 0, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
  });

  it('a target pixel straddling mask pixels is masked if any of them is set (not only the one under its centre)', () => {
    const src = maskStack([[0, 1, 0, 0]]);
    // Same pixel size, shifted by 0.4 pixel: target 0 covers mask [0.4, 1.4) — centre on mask 0 (clear), overlaps mask 1 (set).
    const { sx, sy } = positions(3, 1, 1, 0.4);
    const out = maskOntoGrid(src, { x: 0, y: 0, width: 4, height: 1 }, sx, sy, 0.5, 0.5);
    expect(Array.from(out)).toEqual([1, 1, 0]);
  });

  it('a finer mask: one set pixel among the 3 × 3 under a target pixel masks it', () => {
    const rows = Array.from({ length: 6 }, () => new Array(6).fill(0));
    rows[5][0] = 1; // bottom-left corner of target pixel (0, 1)
    const { sx, sy } = positions(2, 2, 3);
    const out = maskOntoGrid(maskStack(rows), { x: 0, y: 0, width: 6, height: 6 }, sx, sy, 1.5, 1.5);
    expect(grid(out, 2)).toEqual([[0, 0], [1, 0]]);
  });

  it('edges that only touch do not count; NaN counts as set; the window offset is honoured; outside the mask is clear', () => {
    const src = maskStack([[0, 0], [NaN, 0]]);
    const win = { x: 10, y: 20, width: 2, height: 2 };
    // Exactly aligned 1:1 at the window: target (0, 1) sits on the NaN pixel, (1, 1) shares only an edge with it.
    const { sx, sy } = positions(3, 2, 1, 10, 20);
    expect(grid(maskOntoGrid(src, win, sx, sy, 0.5, 0.5), 3)).toEqual([[0, 0, 0], [1, 0, 0]]);
  });

  it('applyMask invalidates masked pixels in both dates', () => {
    const stack = (): BandStack => ({ width: 3, height: 1, bands: [new Float32Array(3)], valid: Uint8Array.from([1, 1, 0]) });
    const b = stack(), a = stack();
    applyMask(Uint8Array.from([0, 1, 1]), b, a);
    expect(Array.from(b.valid)).toEqual([1, 0, 0]);
    expect(Array.from(a.valid)).toEqual([1, 0, 0]);
  });
});

describe('footprint helpers', () => {
  it('half size is the box around a rotated footprint', () => {
    // Target x step = (0.5, 0.1) source pixels, y step = (-0.1, 0.5).
    const { hx, hy } = footprintHalfSize(Float64Array.from([0, 0.5, -0.1, 0.4]), Float64Array.from([0, 0.1, 0.5, 0.6]));
    expect(hx).toBeCloseTo(0.3, 12);
    expect(hy).toBeCloseTo(0.3, 12);
  });

  it('the source window covers the footprints, clipped to the mask; null when none fall on it', () => {
    expect(maskSourceWindow(Float64Array.from([2.5, 7.2]), Float64Array.from([0.3, 4.5]), 1.5, 1.5, 100, 100)).toEqual({ x: 1, y: 0, width: 8, height: 6 });
    expect(maskSourceWindow(Float64Array.from([-3]), Float64Array.from([5]), 1, 1, 100, 100)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { cellSums, pictureCell } from './cell-sums.ts';

/** A stack whose three bands hold x, y and 1 at grid pixel (x, y), offset by `at`. */
function ramp(width: number, height: number, at: { x: number; y: number }): BandStack {
  const n = width * height;
  const bands = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    bands[0][i] = at.x + (i % width);
    bands[1][i] = at.y + Math.floor(i / width);
    bands[2][i] = 1;
  }
  return { width, height, bands, valid: new Uint8Array(n).fill(1) };
}

describe('cellSums', () => {
  it('sums each band and counts valid pixels per cell, cells anchored at the grid origin', () => {
    const at = { x: 2, y: 3 };
    const stack = ramp(10, 8, at);
    stack.valid[(5 - at.y) * 10 + (4 - at.x)] = 0; // grid pixel (4, 5)
    // Region: grid columns 3..8, rows 4..9; cells of 4: columns 0..2, rows 1..2.
    const s = cellSums(stack, at, { x: 3, y: 4, width: 6, height: 6 }, [0, 1, 2], 4);
    expect([s.x0, s.y0, s.nx, s.ny]).toEqual([0, 1, 3, 2]);
    const cellOf = (cx: number, cy: number) => Array.from(s.sums.subarray(((cy - s.y0) * s.nx + cx - s.x0) * 4, ((cy - s.y0) * s.nx + cx - s.x0) * 4 + 4));
    // Cell (1, 1): columns 4..7, rows 4..7, all in the region but for pixel (4, 5).
    let sx = 0, sy = 0, k = 0;
    for (let y = 4; y < 8; y++) for (let x = 4; x < 8; x++) if (!(x === 4 && y === 5)) { sx += x; sy += y; k++; }
    expect(cellOf(1, 1)).toEqual([sx, sy, k, k]);
    // Cell (0, 2): column 3 only (the region starts there), rows 8..9.
    expect(cellOf(0, 2)).toEqual([6, 17, 2, 2]);
    // Every pixel of the region but one counted once.
    let total = 0;
    for (let c = 3; c < s.sums.length; c += 4) total += s.sums[c];
    expect(total).toBe(35);
  });

  it('adds up across windows that cut a cell', () => {
    const stack = ramp(16, 16, { x: 0, y: 0 });
    const whole = cellSums(stack, { x: 0, y: 0 }, { x: 0, y: 0, width: 16, height: 16 }, [0, 1, 2], 8);
    const left = cellSums(stack, { x: 0, y: 0 }, { x: 0, y: 0, width: 5, height: 16 }, [0, 1, 2], 8);
    const right = cellSums(stack, { x: 0, y: 0 }, { x: 5, y: 0, width: 11, height: 16 }, [0, 1, 2], 8);
    expect([left.nx, right.x0, right.nx]).toEqual([1, 0, 2]);
    for (let cy = 0; cy < 2; cy++) {
      for (let k = 0; k < 4; k++) {
        expect(left.sums[(cy * 1 + 0) * 4 + k] + right.sums[(cy * 2 + 0) * 4 + k]).toBe(whole.sums[(cy * 2 + 0) * 4 + k]);
        expect(right.sums[(cy * 2 + 1) * 4 + k]).toBe(whole.sums[(cy * 2 + 1) * 4 + k]);
      }
    }
  });

  it('picks power-of-two cells, about 1024 across the area', () => {
    expect(pictureCell(704, 2)).toBe(1);
    expect(pictureCell(16384, 1)).toBe(16);
    expect(pictureCell(16384, 2)).toBe(8);
    expect(pictureCell(23000, 1)).toBe(16); // 22.5 px: nearer 16 than 32 on a log scale
    expect(pictureCell(24000, 1)).toBe(32);
    expect(pictureCell(400_000, 0.8)).toBe(512);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { haloWindows } from './halo-windows.ts';

describe('haloWindows', () => {
  it('tiles the grid exactly with cores, row-major', () => {
    const wins = haloWindows(10, 7, 4, 2);
    expect(wins.map((w) => [w.core.x, w.core.y, w.core.width, w.core.height])).toEqual([
      [0, 0, 4, 4], [4, 0, 4, 4], [8, 0, 2, 4],
      [0, 4, 4, 3], [4, 4, 4, 3], [8, 4, 2, 3],
    ]);
    const hits = new Uint8Array(70);
    for (const { core } of wins) {
      for (let y = core.y; y < core.y + core.height; y++) for (let x = core.x; x < core.x + core.width; x++) hits[y * 10 + x]++;
    }
    expect([...hits].every((h) => h === 1)).toBe(true);
  });

  it('grows outer by the halo and clips it to the grid', () => {
    const wins = haloWindows(10, 7, 4, 2);
    expect(wins[0].outer).toEqual({ x: 0, y: 0, width: 6, height: 6 });
    expect(wins[4].outer).toEqual({ x: 2, y: 2, width: 8, height: 5 });
    expect(wins[5].outer).toEqual({ x: 6, y: 2, width: 4, height: 5 });
    expect(haloWindows(3, 3, 8, 0)).toEqual([{ core: { x: 0, y: 0, width: 3, height: 3 }, outer: { x: 0, y: 0, width: 3, height: 3 } }]);
  });

  it('rejects bad sizes', () => {
    expect(() => haloWindows(10, 10, 0, 1)).toThrow(InputError);
    expect(() => haloWindows(10, 10, 4, -1)).toThrow(InputError);
    expect(() => haloWindows(10.5, 10, 4, 1)).toThrow(InputError);
  });
});

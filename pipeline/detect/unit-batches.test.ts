import { describe, expect, it } from 'vitest';
import { haloWindows } from '../../geo/raster/halo-windows.ts';
import { unitBatches, type PendingUnit } from './unit-batches.ts';

const pending = (pairId: string, width: number, height: number, size: number): PendingUnit[] =>
  haloWindows(width, height, size, 17).map((win, k) => ({ unitId: `${pairId}.${String(k).padStart(5, '0')}`, pairId, win }));

describe('unitBatches', () => {
  it('groups 1024² units into 2 × 2 blocks through pairs of columns, never across pairs', () => {
    // 8 × 8 units (ids in scan order: row × 8 + column), then a pair of one unit.
    const units = [...pending('a', 8192, 8192, 1024), ...pending('b', 500, 500, 1024)];
    const batches = unitBatches(units);
    expect(batches).toHaveLength(17);
    expect(batches.slice(0, 2)).toEqual([
      ['a.00000', 'a.00001', 'a.00008', 'a.00009'],
      ['a.00016', 'a.00017', 'a.00024', 'a.00025'],
    ]);
    expect(batches[4]).toEqual(['a.00002', 'a.00003', 'a.00010', 'a.00011']);
    expect(batches[16]).toEqual(['b.00000']);
  });

  it('puts every unit in exactly one batch: one unit per batch for large windows, and at least 16 batches for small ones', () => {
    const units = pending('p', 9000, 5000, 2048);
    const batches = unitBatches(units);
    expect(batches.every((b) => b.length === 1)).toBe(true);
    expect(batches.flat().sort()).toEqual(units.map((u) => u.unitId));
    // 512² windows: up to 16 a batch by pixels, but 8 units × 12 rows make at least 16 batches of 6.
    const small = pending('q', 4000, 6000, 512);
    const sb = unitBatches(small);
    expect(sb.flat().sort()).toEqual(small.map((u) => u.unitId));
    expect(sb).toHaveLength(16);
    expect(sb.every((b) => b.length === 6)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ringConflicts } from './ring-conflicts.ts';

describe('ringConflicts', () => {
  const square = (x: number, y: number, s: number): number[] => [x, y, x, y + s, x + s, y + s, x + s, y];
  it('accepts disjoint and nested rings', () => {
    expect(ringConflicts([square(0, 0, 10), square(2, 2, 3), square(20, 0, 1)])).toEqual(new Set());
  });
  it('flags crossing and touching rings', () => {
    expect(ringConflicts([square(0, 0, 4), square(3, 3, 4), square(20, 0, 1)])).toEqual(new Set([0, 1]));
    expect(ringConflicts([square(0, 0, 4), square(4, 4, 1)])).toEqual(new Set([0, 1]));
  });
  it('flags a bow tie, a ring touching itself and a spike folding back', () => {
    expect(ringConflicts([[0, 0, 2, 2, 2, 0, 0, 2]])).toEqual(new Set([0]));
    expect(ringConflicts([[0, 0, 0, 4, 2, 2, 4, 4, 4, 0, 2, 2]])).toEqual(new Set([0]));
    expect(ringConflicts([[0, 0, 0, 4, 4, 4, 4, 0, 6, 0]])).toEqual(new Set([0]));
  });
});

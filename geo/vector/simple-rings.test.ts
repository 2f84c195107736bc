import { describe, expect, it } from 'vitest';
import { simpleRings } from './simple-rings.ts';

describe('simpleRings', () => {
  it('rotates a ring to start at its smallest (y, x) vertex', () => {
    expect(simpleRings([1, 1, 1, 0, 0, 0, 0, 1], false)).toEqual([[0, 0, 0, 1, 1, 1, 1, 0]]);
  });
  it('cuts a walk that passes a vertex twice into simple rings', () => {
    // A shell around a 3×3 block whose walk also goes around the centre hole through (2, 2).
    const walk = [0, 0, 0, 3, 2, 3, 2, 2, 1, 2, 1, 1, 2, 1, 2, 2, 3, 2, 3, 0];
    expect(simpleRings(walk, true)).toEqual([
      [1, 1, 2, 1, 2, 2, 1, 2],
      [0, 0, 0, 3, 2, 3, 2, 2, 3, 2, 3, 0],
    ]);
  });
});

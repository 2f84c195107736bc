import { describe, expect, it } from 'vitest';
import { kthSmallest } from './kth-smallest.ts';

describe('kthSmallest', () => {
  it('gives the value a sort puts at k, over the whole array and over a range, with ties', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const src = Float64Array.from({ length: 1001 }, () => Math.floor(rnd() * 50) - 25);
    const sorted = Float64Array.from(src).sort();
    for (const k of [0, 1, 500, 999, 1000]) expect(kthSmallest(Float64Array.from(src), k)).toBe(sorted[k]);
    const part = Float32Array.from(src);
    const head = Float32Array.from(src.slice(0, 300)).sort();
    expect(kthSmallest(part, 123, 0, 299)).toBe(head[123]);
    expect(Float32Array.from(part.slice(300))).toEqual(Float32Array.from(src.slice(300))); // outside the range untouched
  });
});

import { describe, expect, it } from 'vitest';
import { otsuThreshold } from './otsu-threshold.ts';

describe('otsuThreshold', () => {
  it('splits a bimodal sample between its modes', () => {
    const v: number[] = [];
    for (let i = 0; i < 1000; i++) v.push(10 + (i % 7) - 3);
    for (let i = 0; i < 300; i++) v.push(50 + (i % 5) - 2);
    const t = otsuThreshold(v, 0, 60);
    expect(t).toBeGreaterThan(13);
    expect(t).toBeLessThan(48);
  });
  it('returns lo for an empty or degenerate range', () => {
    expect(otsuThreshold([], 0, 1)).toBe(0);
    expect(otsuThreshold([1, 2], 5, 5)).toBe(5);
  });
});

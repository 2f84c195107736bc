import { describe, expect, it } from 'vitest';
import { sampleWindows } from './sample-windows.ts';

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

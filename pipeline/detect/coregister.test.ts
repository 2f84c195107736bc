import { describe, expect, it } from 'vitest';
import { readExtent } from './coregister.ts';

describe('readExtent', () => {
  it('adds the margin inside the image, and never less than the window', () => {
    expect(readExtent({ x: 100, y: 50, width: 20, height: 10 }, 1000, 1000)).toEqual({ x: 97, y: 47, width: 26, height: 16 });
    expect(readExtent({ x: 1, y: 0, width: 20, height: 10 }, 22, 1000)).toEqual({ x: 0, y: 0, width: 22, height: 13 });
    // A window hanging over the edge (small images) keeps its own extent there.
    expect(readExtent({ x: -5, y: 0, width: 20, height: 10 }, 1000, 1000)).toEqual({ x: -5, y: 0, width: 23, height: 13 });
  });

  it('leaves an empty or malformed window as it is, so reading it still fails', () => {
    const bad = { x: 0, y: 0, width: -1, height: -1 };
    expect(readExtent(bad, 1000, 1000)).toBe(bad);
  });
});

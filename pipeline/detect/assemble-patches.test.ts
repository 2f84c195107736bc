import { describe, expect, it } from 'vitest';
import { FEATURES, type SceneModel } from '../../geo/detect/scene-model.ts';
import type { PatchStats } from '../../geo/types.ts';
import { keepsFragments } from './assemble-patches.ts';

const model = { threshold: 4, objectThreshold: 4.8, pixelSizeM: 1, hasNir: true, shadowAngle: 30, vegThreshold: 0.3 } as SceneModel;
/** `n` pixels of mean magnitude `mag`, all of the first change type. */
const stats = (n: number, mag: number): PatchStats => ({ pixelCount: n, typeCounts: [n], featureSums: FEATURES.map((_, k) => (k === 0 ? n * mag : 0)) });
const square = (m2: number) => ({ areaM2: m2, perimeterM: 4 * Math.sqrt(m2) });
const fragment = (pairId: string, n: number, mag: number, threshold = 4) => ({ pairId, fragment: true, stats: stats(n, mag), threshold });
const passed = (pairId: string, n: number, mag: number) => ({ pairId, fragment: false, stats: stats(n, mag), threshold: 4 });

describe('keepsFragments', () => {
  it('keeps fragments of two tiles that pass as one patch, and only then', () => {
    const halves = [fragment('a', 150, 8), fragment('b', 130, 8)];
    expect(keepsFragments(halves, square(280), model, 200)).toBe(true);
    expect(keepsFragments(halves, square(280), model, 300)).toBe(false); // still under the minimum area
    expect(keepsFragments([fragment('a', 150, 3), fragment('b', 130, 3)], square(280), model, 200)).toBe(false); // too weak
  });

  it('keeps a fragment joined to a patch kept in the next tile when the union passes, not a large weak one', () => {
    expect(keepsFragments([passed('a', 900, 8), fragment('b', 20, 3)], square(920), model, 200)).toBe(true);
    expect(keepsFragments([passed('a', 300, 8), fragment('b', 900, 2)], square(1200), model, 200)).toBe(false);
  });

  it('keeps fragments beside a patch that passed where tiles overlap (no statistics to judge the union)', () => {
    expect(keepsFragments([{ pairId: 'a', fragment: false, stats: null, threshold: 4 }, fragment('b', 20, 3)], square(900), model, 200)).toBe(true);
  });

  it("takes each fragment's magnitudes relative to its own pair's threshold", () => {
    // Magnitude 3 in a pair whose threshold is 2 is 1.5 thresholds: as strong as 6 where it is 4.
    expect(keepsFragments([fragment('a', 150, 6), fragment('b', 130, 3, 2)], square(280), model, 200)).toBe(true);
    expect(keepsFragments([fragment('a', 150, 6), fragment('b', 130, 3)], square(280), model, 200)).toBe(false);
  });

  it('drops fragments with nothing across a tile border', () => {
    expect(keepsFragments([fragment('a', 150, 8), fragment('a', 130, 8)], square(280), model, 200)).toBe(false);
    expect(keepsFragments([fragment('a', 150, 8)], square(150), model, 100)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { FEATURES, type SceneModel } from '../../geo/detect/scene-model.ts';
import type { PatchStats } from '../../geo/types.ts';
import { keepsFragments } from './assemble-patches.ts';

const model = { threshold: 4, objectThreshold: 4.8, pixelSizeM: 1, hasNir: true, shadowAngle: 30, vegThreshold: 0.3 } as SceneModel;
/** `n` pixels of mean magnitude `mag`, all of the first change type. */
const stats = (n: number, mag: number): PatchStats => ({ pixelCount: n, typeCounts: [n], featureSums: FEATURES.map((_, k) => (k === 0 ? n * mag : 0)) });
const square = (m2: number) => ({ areaM2: m2, perimeterM: 4 * Math.sqrt(m2) });

describe('keepsFragments', () => {
  it('keeps fragments of two tiles that pass as one patch, and only then', () => {
    const halves = [{ pairId: 'a', fragment: stats(150, 8) }, { pairId: 'b', fragment: stats(130, 8) }];
    expect(keepsFragments(halves, square(280), model, 200)).toBe(true);
    expect(keepsFragments(halves, square(280), model, 300)).toBe(false); // still under the minimum area
    const weak = halves.map((h) => ({ ...h, fragment: stats(h.fragment.pixelCount, 3) }));
    expect(keepsFragments(weak, square(280), model, 200)).toBe(false); // too weak as a whole
  });

  it('keeps a fragment that touches a patch kept in the next tile', () => {
    expect(keepsFragments([{ pairId: 'a', fragment: null }, { pairId: 'b', fragment: stats(20, 3) }], square(900), model, 200)).toBe(true);
  });

  it('drops fragments with nothing across a tile border', () => {
    expect(keepsFragments([{ pairId: 'a', fragment: stats(150, 8) }, { pairId: 'a', fragment: stats(130, 8) }], square(280), model, 200)).toBe(false);
    expect(keepsFragments([{ pairId: 'a', fragment: stats(150, 8) }], square(150), model, 100)).toBe(false);
  });
});

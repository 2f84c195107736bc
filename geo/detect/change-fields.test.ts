import { describe, expect, it } from 'vitest';
import { changeFields, VEG_BOTH, WATER_BOTH } from './change-fields.ts';
import { fitSceneModel } from './fit-scene-model.ts';
import { renderScene, withGain, type Cover } from './test-scene.ts';

describe('changeFields', () => {
  const W = 48;
  const H = 40;
  const roles = { blue: 0, green: 1, red: 2, nir: 3 };
  const covers: Cover[] = ['vegetation', 'bare', 'built', 'water'];
  const cover = (shift: number): Cover[] => Array.from({ length: W * H }, (_, i) => covers[((((i % W) + shift) >> 3) + ((i / W) >> 3) * 3) % 4]);
  const before = renderScene(cover(0), W, H, 40, 1);
  const after = withGain(renderScene(cover(1), W, H, 40, 2), 1.1, 30);
  const model = fitSceneModel([{ before, after }], roles, { pixelSizeM: 1 });

  it('gives the same magnitudes on the four-band fast paths as on the general one', () => {
    // One invalid corner pixel sends the whole window down the general loop.
    const holed = { ...after, valid: after.valid.slice() };
    holed.valid[0] = 0;
    const T = model.threshold * model.lowRatio;
    for (const [t2, step] of [[0, 1], [0, 3], [T * T, 1]] as const) {
      const fast = changeFields(before, after, roles, model, t2, -1, step).magnitude.slice();
      const general = changeFields(before, holed, roles, model, t2, -1, step).magnitude;
      let compared = 0;
      // Away from the hole: smoothing (2) and matching (2) radii.
      for (let y = 5; y < H; y++) {
        for (let x = 5; x < W; x++) {
          const i = y * W + x;
          // With a prefilter, magnitudes below it are upper bounds that may stop at different neighbours.
          if (t2 > 0 && fast[i] * fast[i] <= t2) continue;
          expect(fast[i]).toBe(general[i]);
          compared++;
        }
      }
      // With the prefilter only pixels above it are compared: 79 of this scene's since the fitted
      // normalisation became exact (moments), which raised the threshold.
      expect(compared).toBeGreaterThan(t2 > 0 ? 40 : 100);
    }
  });

  it('searches no pixel that is vegetation (or water) at both dates where searches are deferred, and every other one as before', () => {
    // Seasonal vigour: the later date's vegetation 40 % brighter in the near-infrared.
    const later = cover(1);
    const vigour = { ...after, bands: after.bands.map((b, k) => (k === 3 ? b.map((v, i) => (later[i] === 'vegetation' ? v * 1.4 : v)) : b.slice())) };
    const T = model.threshold;
    const TL = T * model.lowRatio;
    const searched = changeFields(before, vigour, roles, model, TL * TL, T * T);
    const deferred = changeFields(before, vigour, roles, model, TL * TL, T * T, 1, false, T * T);
    let vegetation = 0;
    let other = 0;
    for (let y = 2; y < H - 2; y++) {
      for (let x = 2; x < W - 2; x++) {
        const i = y * W + x;
        if (!(deferred.magnitude[i] > T)) continue;
        if (deferred.flags[i] & (VEG_BOTH | WATER_BOTH)) {
          // The plain distance stands: an upper bound of the best match.
          expect(deferred.magnitude[i]).toBeGreaterThanOrEqual(searched.magnitude[i]);
          if (deferred.magnitude[i] > searched.magnitude[i]) vegetation++;
        } else {
          expect(deferred.magnitude[i]).toBe(searched.magnitude[i]);
          other++;
        }
      }
    }
    expect(vegetation).toBeGreaterThan(20);
    expect(other).toBeGreaterThan(20);
  });
});

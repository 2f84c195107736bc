import { describe, expect, it } from 'vitest';
import { CHANGE_TYPES } from '../types.ts';
import { FEATURES, F_ABS_LOG_BRIGHTNESS, F_ANGLE, F_LOG_BRIGHTNESS, F_ORPHAN_SHADOW, F_RIM, F_VANISHED_SHADOW, type SceneModel } from './scene-model.ts';
import { summarisePatch } from './summarise-patch.ts';

const model = { threshold: 4, objectThreshold: 4.8, pixelSizeM: 1, hasNir: true, shadowAngle: 30, vegThreshold: 0.3 } as SceneModel;

function stats(n: number, meanMag: number, type: number, vegB = 0.6, vegA = 0.1, logB = 0, angle = 0.4) {
  const featureSums = FEATURES.map(() => 0);
  featureSums[0] = meanMag * n;
  featureSums[1] = vegB * n;
  featureSums[2] = vegA * n;
  featureSums[5] = logB * n;
  featureSums[F_ABS_LOG_BRIGHTNESS] = Math.abs(logB) * n;
  featureSums[6] = angle * n;
  const typeCounts = CHANGE_TYPES.map((_, k) => (k === type ? Math.ceil(n * 0.7) : Math.floor((n * 0.3) / 4)));
  return { pixelCount: n, typeCounts, featureSums };
}

describe('summarisePatch', () => {
  it('keeps a strong compact patch, takes the majority type and NDVI means', () => {
    const s = summarisePatch(stats(400, 12, 1), { areaM2: 400, perimeterM: 80 }, model);
    expect(s.keep).toBe(true);
    expect(s.change_type).toBe('vegetation_to_bare');
    expect(s.ndvi_before).toBeCloseTo(0.6);
    expect(s.ndvi_after).toBeCloseTo(0.1);
    expect(s.confidence).toBeGreaterThan(0.5);
    expect(s.confidence).toBeLessThanOrEqual(1);
  });
  it('rejects weak patches and one-pixel slivers', () => {
    expect(summarisePatch(stats(400, 4.2, 0, 0.1, 0.05), { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
    expect(summarisePatch(stats(300, 12, 0), { areaM2: 300, perimeterM: 602 }, model).keep).toBe(false);
  });
  it('asks less of a large patch: the object threshold for up to 1,000 pixels, the pixel threshold from 100,000', () => {
    const shape = (n: number) => ({ areaM2: n, perimeterM: 4 * Math.sqrt(n) });
    expect(summarisePatch(stats(1_000, 4.7, 0, 0.1, 0.05), shape(1_000), model).keep).toBe(false);
    expect(summarisePatch(stats(1_000, 4.8, 0, 0.1, 0.05), shape(1_000), model).keep).toBe(true);
    // 10,000 pixels: halfway in log terms, 4.4.
    expect(summarisePatch(stats(10_000, 4.35, 0, 0.1, 0.05), shape(10_000), model).keep).toBe(false);
    expect(summarisePatch(stats(10_000, 4.45, 0, 0.1, 0.05), shape(10_000), model).keep).toBe(true);
    expect(summarisePatch(stats(200_000, 3.9, 0, 0.1, 0.05), shape(200_000), model).keep).toBe(false);
    expect(summarisePatch(stats(200_000, 4.05, 0, 0.1, 0.05), shape(200_000), model).keep).toBe(true);
  });
  it('keeps a weaker patch whose vegetation was cleared', () => {
    expect(summarisePatch(stats(400, 4.2, 1, 0.6, 0.1), { areaM2: 400, perimeterM: 80 }, model).keep).toBe(true);
    expect(summarisePatch(stats(400, 2.8, 1, 0.6, 0.1), { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
  });
  it('keeps a weaker patch that brightened as a whole (new roof or concrete), not a darkened one', () => {
    const rgb = { ...model, hasNir: false, shadowAngle: 0 };
    expect(summarisePatch(stats(400, 3.6, 4, 0, 0, 0.4, 0.05), { areaM2: 400, perimeterM: 80 }, rgb).keep).toBe(true);
    expect(summarisePatch(stats(400, 3.6, 4, 0, 0, -0.4, 0.05), { areaM2: 400, perimeterM: 80 }, rgb).keep).toBe(false);
  });
  it('rejects a brightness change of unchanged spectral shape (shadow shift) when the model allows', () => {
    const shadow = stats(400, 12, 4, 0, 0, 0.6, 0.12);
    expect(summarisePatch(shadow, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
    expect(summarisePatch(shadow, { areaM2: 400, perimeterM: 80 }, { ...model, shadowAngle: 0 }).keep).toBe(true);
    expect(summarisePatch(stats(400, 12, 2, 0.4, -0.2, -0.7, 0.6), { areaM2: 400, perimeterM: 80 }, model).keep).toBe(true);
  });
  it('keeps a weak patch holding a whole shadow whose caster is gone, however it brightened', () => {
    // 300 pixels of rubble barely different from the roof, brightened like a shadow leaving beside it,
    // and 40 pixels (m²) of orphaned shadow.
    const razed = stats(340, 2, 4, 0, 0, 0, 0);
    razed.featureSums[F_LOG_BRIGHTNESS] = 0.5 * 300;
    razed.featureSums[F_ABS_LOG_BRIGHTNESS] = 0.5 * 300;
    razed.featureSums[F_ANGLE] = 0.05 * 300;
    razed.featureSums[F_VANISHED_SHADOW] = 40;
    razed.featureSums[F_ORPHAN_SHADOW] = 40;
    expect(summarisePatch(razed, { areaM2: 340, perimeterM: 76 }, model).keep).toBe(true);
    // A merely vanished shadow (its caster may stand) does not make it a demolition.
    const moved = { ...razed, featureSums: razed.featureSums.map((v, k) => (k === F_ORPHAN_SHADOW ? 0 : v)) };
    expect(summarisePatch(moved, { areaM2: 340, perimeterM: 76 }, model).keep).toBe(false);
    // Less than a whole orphan's area: not on its own.
    const part = { ...razed, featureSums: razed.featureSums.map((v, k) => (k === F_ORPHAN_SHADOW ? 20 : v)) };
    expect(summarisePatch(part, { areaM2: 340, perimeterM: 76 }, model).keep).toBe(false);
  });
  it('judges illumination on the body beside a shadow that left: a roof darkened to rubble is kept', () => {
    // 300 body pixels darkened achromatically (white roof → rubble) and 100 joined vanished-shadow pixels (0 in logB/angle).
    const demolished = stats(400, 12, 4, 0, 0, 0, 0);
    demolished.featureSums[F_LOG_BRIGHTNESS] = -0.45 * 300;
    demolished.featureSums[F_ABS_LOG_BRIGHTNESS] = 0.45 * 300;
    demolished.featureSums[F_ANGLE] = 0.05 * 300;
    demolished.featureSums[F_VANISHED_SHADOW] = 100;
    expect(summarisePatch(demolished, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(true);
    // The same body without the vanished shadow is a shadow falling on the roof.
    const shaded = { ...demolished, featureSums: demolished.featureSums.map((v, k) => (k === F_VANISHED_SHADOW ? 0 : v)) };
    expect(summarisePatch(shaded, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
    // A body that brightened like a shadow leaving stays illumination, vanished shadow beside it or not.
    const left = { ...demolished, featureSums: demolished.featureSums.map((v, k) => (k === F_LOG_BRIGHTNESS || k === F_ABS_LOG_BRIGHTNESS ? 0.6 * 300 : v)) };
    expect(summarisePatch(left, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
  });
  it('judges a moved shadow that left on one side and fell on the other as illumination, not as change', () => {
    // 200 pixels lit (+0.8) and 200 shaded (−0.8): the signed mean is 0, the spectral shape kept.
    const moved = stats(400, 12, 4, 0, 0, 0, 0.12);
    moved.featureSums[F_ABS_LOG_BRIGHTNESS] = 0.8 * 400;
    expect(summarisePatch(moved, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
    // Pieces from before the channel existed (shorter sums) are judged on the signed mean, as then.
    expect(summarisePatch({ ...moved, featureSums: moved.featureSums.slice(0, F_ABS_LOG_BRIGHTNESS) }, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(true);
    // A razed roof (darker) beside the lit ground of its old shadow, 10 % of the patch: its caster changed.
    const razed = stats(400, 12, 4, 0, 0, 0.1, 0.12);
    razed.featureSums[F_ABS_LOG_BRIGHTNESS] = 0.8 * 360;
    razed.featureSums[F_VANISHED_SHADOW] = 40;
    expect(summarisePatch(razed, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(true);
  });
  it('judges a patch on its unmixed pixels: rim pixels add area, not weight', () => {
    // 300 cleared pixels at 4.2 (a weak vegetation loss) and 100 rim pixels, 0 in every channel but F_RIM.
    const core = stats(300, 4.2, 1, 0.6, 0.1);
    const rimmed = { ...core, pixelCount: 400, featureSums: core.featureSums.map((v, k) => (k === F_RIM ? 100 : v)) };
    const s = summarisePatch(rimmed, { areaM2: 400, perimeterM: 80 }, model);
    expect(s.keep).toBe(true);
    expect(s.mean_magnitude).toBeCloseTo(4.2);
    expect(s.ndvi_before).toBeCloseTo(0.6);
    expect(s.ndvi_after).toBeCloseTo(0.1);
    // Counted as ordinary pixels they would halve the means and lose it.
    const diluted = { ...rimmed, featureSums: rimmed.featureSums.map((v, k) => (k === F_RIM ? 0 : v)) };
    expect(summarisePatch(diluted, { areaM2: 400, perimeterM: 80 }, model).keep).toBe(false);
  });
  it('reports null NDVI without NIR', () => {
    const s = summarisePatch(stats(100, 12, 4), { areaM2: 100, perimeterM: 40 }, { ...model, hasNir: false });
    expect(s.ndvi_before).toBeNull();
    expect(s.ndvi_after).toBeNull();
  });
});

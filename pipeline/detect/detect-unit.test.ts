import { describe, expect, it } from 'vitest';
import { detectWindow } from '../../geo/detect/detect-window.ts';
import { openPair } from '../../geo/raster/open-pair.ts';
import { windowPieces } from '../../geo/vector/window-pieces.ts';
import { coregister, readExtent } from './coregister.ts';
import { resolveDetectOptions } from './detect-options.ts';
import { detectUnit } from './detect-unit.ts';
import { fitPairModel } from './fit-pair-model.ts';
import { planUnits } from './plan-units.ts';

describe('detectUnit with a misregistration to correct', () => {
  it('gives each unit the core of the whole co-registered image', async () => {
    const pair = await openPair('fixtures/sample/before.tif', 'fixtures/sample/after.tif');
    try {
      const opts = resolveDetectOptions({ windowSize: 128 });
      const model = { ...(await fitPairModel(pair, opts)), shift: [1, -2] as [number, number] };
      const { width, height } = pair.grid;
      const whole = readExtent({ x: 0, y: 0, width, height }, width, height);
      const read = await pair.readWindow(whole);
      const { before, after } = coregister(read, model.shift);
      const raster = detectWindow(before, after, pair.roles, model, { pixelSizeM: model.pixelSizeM });
      const units = planUnits(pair.grid, model, opts);
      expect(units.length).toBeGreaterThan(4);
      let pixels = 0;
      for (const unit of units) {
        const got = (await detectUnit(pair, unit, model)).pieces;
        const want = windowPieces(raster, { core: unit.core, outer: whole });
        expect(got.map((p) => p.stats)).toEqual(want.map((p) => p.stats));
        pixels += got.reduce((s, p) => s + p.stats.pixelCount, 0);
      }
      expect(pixels).toBeGreaterThan(500);
    } finally {
      await pair.close();
    }
  });
});

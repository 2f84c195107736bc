/**
 * Diagnostic: per scored truth object of a generated scene, how its pixels fare in the detector's
 * pixel stage: above the threshold T, above the low threshold, suppressed by each explanation
 * (shadow, vegetation both dates, water both dates) and in the final mask.
 *   npx tsx scripts/eval/truth-pixels.ts DIR [minAreaM2=200] [type]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { tiffStack } from './load-pairs.ts';
import { burnLonLat } from './burn-lonlat.ts';
import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import { detectWindow } from '../../geo/detect/detect-window.ts';
import { changeFields, SHADOW, VEG_BOTH, WATER_BOTH } from '../../geo/detect/change-fields.ts';

const dir = process.argv[2];
const minArea = Number(process.argv[3] ?? 200);
const onlyType = process.argv[4];
const scene = JSON.parse(readFileSync(join(dir, 'scene.json'), 'utf8')) as { grid: { originX: number; originY: number; resX: number; resY: number; width: number; height: number } };
const g = scene.grid;
const truthFc = JSON.parse(readFileSync(join(dir, 'truth.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const truth = burnLonLat(truthFc, g);
const before = await tiffStack(join(dir, 'before.tif'));
const after = await tiffStack(join(dir, 'after.tif'));
const roles = { blue: 0, green: 1, red: 2, nir: 3 };
const opts = { pixelSizeM: g.resX };
const model = fitSceneModel([{ before, after }], roles, opts);
const r = detectWindow(before, after, roles, model, opts);
const f = changeFields(before, after, roles, model, 0);
const T = model.threshold;
console.log(`T=${T.toFixed(2)} dark=${model.darkLevel.toFixed(1)} shA=${model.shadowAngle.toFixed(3)}`);
console.log('id type px >T/2(px) >T >TL shadow veg water mask | shadow px: logB angle');
truthFc.features.forEach((feat, k) => {
  const type = String(feat.properties!.type);
  if (onlyType && type !== onlyType) return;
  let n = 0, half = 0, hi = 0, lo = 0, sh = 0, veg = 0, wat = 0, mask = 0, lbS = 0, anS = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] !== k + 1) continue;
    n++;
    if (f.magnitude[i] > T) hi++;
    if (f.magnitude[i] > 0.5 * T) half++;
    if (f.magnitude[i] > T * model.lowRatio) lo++;
    const fl = f.flags[i];
    if (f.magnitude[i] > T * model.lowRatio) {
      if (fl & SHADOW) { sh++; lbS += f.logBrightness[i]; anS += f.angle[i]; }
      if (fl & VEG_BOTH) veg++;
      if (fl & WATER_BOTH) wat++;
    }
    if (r.mask[i]) mask++;
  }
  if (n < minArea / opts.pixelSizeM ** 2) return;
  const p = (v: number) => (v / n).toFixed(2);
  console.log(`${feat.properties!.id} ${type.padEnd(16)} ${n} ${half} ${p(hi)} ${p(lo)} ${p(sh)} ${p(veg)} ${p(wat)} ${p(mask)} | ${sh ? (lbS / sh).toFixed(2) : '-'} ${sh ? (anS / sh).toFixed(3) : '-'}`);
});

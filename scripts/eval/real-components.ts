/**
 * Diagnostic: per mask component of one real dataset's pairs, mean features, keep decision and the
 * share of its labelled pixels that are change. For tuning summarisePatch.
 *   npx tsx scripts/eval/real-components.ts DATASET [minAreaM2=50]
 */
import { loadRealPairs } from './load-pairs.ts';
import { labelComponents } from './label-components.ts';
import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import { detectWindow } from '../../geo/detect/detect-window.ts';
import { summarisePatch } from '../../geo/detect/summarise-patch.ts';
import { FEATURES, F_ANGLE, F_LOG_BRIGHTNESS, F_MAGNITUDE, F_STRONG, F_VEG_AFTER, F_VEG_BEFORE } from '../../geo/detect/scene-model.ts';
import { CHANGE_TYPES } from '../../geo/types.ts';

const ds = process.argv[2];
const minArea = Number(process.argv[3] ?? 50);
const f2 = (v: number) => v.toFixed(2).padStart(6);
console.log('pair   px  mag/T strong  logB  angle vegB  vegA  width type keep  changeShare');
for (const pair of (await loadRealPairs()).filter((p) => p.dataset === ds)) {
  const opts = { pixelSizeM: pair.pixelSizeM };
  const model = fitSceneModel([{ before: pair.before, after: pair.after }], pair.roles, opts);
  const r = detectWindow(pair.before, pair.after, pair.roles, model, opts);
  const { labels, count, pixels, perimeter } = labelComponents(r.mask, r.width, r.height);
  const nf = FEATURES.length;
  const sums = new Float64Array((count + 1) * nf);
  const types = new Float64Array((count + 1) * CHANGE_TYPES.length);
  const ch = new Float64Array(count + 1);
  const lab = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    for (let f = 0; f < nf; f++) sums[l * nf + f] += r.features[f][i];
    types[l * CHANGE_TYPES.length + r.changeClass[i]]++;
    if (pair.label[i] !== 255) { lab[l]++; if (pair.label[i]) ch[l]++; }
  }
  for (let l = 1; l <= count; l++) {
    const n = pixels[l];
    if (n * pair.pixelSizeM ** 2 < minArea) continue;
    const s = summarisePatch(
      { pixelCount: n, typeCounts: Array.from(types.subarray(l * CHANGE_TYPES.length, (l + 1) * CHANGE_TYPES.length)), featureSums: Array.from(sums.subarray(l * nf, (l + 1) * nf)) },
      { areaM2: n * pair.pixelSizeM ** 2, perimeterM: perimeter[l] * pair.pixelSizeM },
      model,
    );
    const m = (f: number) => sums[l * nf + f] / n;
    console.log(`${pair.id.slice(0, 6).padEnd(6)} ${String(n).padStart(5)} ${f2(m(F_MAGNITUDE) / model.threshold)} ${f2(m(F_STRONG))} ${f2(m(F_LOG_BRIGHTNESS))} ${f2(m(F_ANGLE))} ${f2(m(F_VEG_BEFORE))}${f2(m(F_VEG_AFTER))} ${f2(2 * n / perimeter[l])} ${s.change_type.slice(0, 8)} ${s.keep ? 'K' : '-'} ${f2(lab[l] ? ch[l] / lab[l] : NaN)}`);
  }
}

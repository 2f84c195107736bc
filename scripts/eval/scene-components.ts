/**
 * Diagnostic: runs the detector in-process on a generated scene (whole image, one window) and prints
 * every mask component with its mean features, keep decision and what it overlaps (truth id or
 * distractor type), then every scored truth object with its coverage. For tuning summarisePatch.
 *   npx tsx scripts/eval/scene-components.ts DIR [minAreaM2=200]
 * Set LW_MODEL='{"threshold":…}' to override fitted SceneModel fields (experiments only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { tiffStack } from './load-pairs.ts';
import { labelComponents } from './label-components.ts';
import { burnLonLat } from './burn-lonlat.ts';
import { fitSceneModel } from '../../geo/detect/fit-scene-model.ts';
import { detectWindow } from '../../geo/detect/detect-window.ts';
import { summarisePatch } from '../../geo/detect/summarise-patch.ts';
import { FEATURES, F_ANGLE, F_LOG_BRIGHTNESS, F_MAGNITUDE, F_STRONG, F_VANISHED_SHADOW, F_VEG_AFTER, F_VEG_BEFORE, F_WATER_AFTER, F_WATER_BEFORE } from '../../geo/detect/scene-model.ts';
import { CHANGE_TYPES } from '../../geo/types.ts';

const dir = process.argv[2];
const minArea = Number(process.argv[3] ?? 200);
const scene = JSON.parse(readFileSync(join(dir, 'scene.json'), 'utf8')) as { grid: { originX: number; originY: number; resX: number; resY: number; width: number; height: number } };
const g = scene.grid;
const W = g.width, H = g.height;

const truthFc = JSON.parse(readFileSync(join(dir, 'truth.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const distFc = JSON.parse(readFileSync(join(dir, 'distractors.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const truth = burnLonLat(truthFc, g);
const dist = burnLonLat(distFc, g);
const before = await tiffStack(join(dir, 'before.tif'));
const after = await tiffStack(join(dir, 'after.tif'));
const roles = { blue: 0, green: 1, red: 2, nir: 3 };
const opts = { pixelSizeM: g.resX };
const model = { ...fitSceneModel([{ before, after }], roles, opts), ...(JSON.parse(process.env.LW_MODEL ?? '{}') as object) };
console.log(`model T=${model.threshold.toFixed(2)} obj=${model.objectThreshold.toFixed(2)} veg=${model.vegThreshold.toFixed(3)} dark=${model.darkLevel.toFixed(1)} shA=${model.shadowAngle.toFixed(3)} soil=${model.soilRedness.toFixed(3)}`);
const r = detectWindow(before, after, roles, model, opts);
/** ln(CV after / CV before) of band-mean brightness over a (2·2+1)² box: illumination-invariant texture change. */
function cv(st: typeof before): Float32Array {
  const n = W * H, br = new Float32Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let b = 0; b < 4; b++) s += st.bands[b][i]; br[i] = s / 4; }
  const out = new Float32Array(n), R = 2;
  for (let y = R; y < H - R; y++) for (let x = R; x < W - R; x++) {
    let s = 0, s2 = 0;
    for (let dy = -R; dy <= R; dy++) for (let dx = -R; dx <= R; dx++) { const v = br[(y + dy) * W + x + dx]; s += v; s2 += v * v; }
    const m = s / 25; out[y * W + x] = Math.sqrt(Math.max(0, s2 / 25 - m * m)) / Math.max(1, m);
  }
  return out;
}
const cvB = cv(before), cvA = cv(after);
const tex = new Float32Array(W * H);
for (let i = 0; i < tex.length; i++) tex[i] = Math.log((cvA[i] + 0.005) / (cvB[i] + 0.005));
const { labels, count, pixels, perimeter } = labelComponents(r.mask, W, H);
const nf = FEATURES.length;
const sums = new Float64Array((count + 1) * nf);
const types = new Float64Array((count + 1) * CHANGE_TYPES.length);
const texSum = new Float64Array(count + 1);
const cx = new Float64Array(count + 1), cy = new Float64Array(count + 1);
const onTruth = new Map<number, Map<number, number>>();
const onDist = new Map<number, Map<number, number>>();
for (let i = 0; i < labels.length; i++) {
  const l = labels[i];
  if (!l) continue;
  for (let f = 0; f < nf; f++) sums[l * nf + f] += r.features[f][i];
  types[l * CHANGE_TYPES.length + r.changeClass[i]]++;
  texSum[l] += tex[i];
  cx[l] += i % W; cy[l] += Math.floor(i / W);
  for (const [ras, m] of [[truth, onTruth], [dist, onDist]] as const) {
    if (!ras[i]) continue;
    const mm = m.get(l) ?? new Map<number, number>();
    mm.set(ras[i], (mm.get(ras[i]) ?? 0) + 1);
    m.set(l, mm);
  }
}
const minPx = minArea / (opts.pixelSizeM ** 2);
const f2 = (v: number) => v.toFixed(2).padStart(6);
console.log('   px  mag/T strong  logB  angle vegB  vegA  watB  watA width type keep tex vanish on');
const kept = new Set<number>();
for (let l = 1; l <= count; l++) {
  if (pixels[l] < minPx) continue;
  const n = pixels[l];
  const s = summarisePatch(
    { pixelCount: n, typeCounts: Array.from(types.subarray(l * CHANGE_TYPES.length, (l + 1) * CHANGE_TYPES.length)), featureSums: Array.from(sums.subarray(l * nf, (l + 1) * nf)) },
    { areaM2: n * opts.pixelSizeM ** 2, perimeterM: perimeter[l] * opts.pixelSizeM },
    model,
  );
  if (s.keep) kept.add(l);
  const m = (f: number) => sums[l * nf + f] / n;
  const t = onTruth.get(l);
  const d = onDist.get(l);
  const on = t ? 'TRUTH ' + [...t.keys()].map((k) => `${truthFc.features[k - 1].properties!.id}:${truthFc.features[k - 1].properties!.type}`).join(',')
    : d ? 'dist ' + [...new Set([...d.keys()].map((k) => distFc.features[k - 1].properties!.type))].join(',') : 'none';
  console.log(`${String(n).padStart(5)} ${f2(m(F_MAGNITUDE) / model.threshold)} ${f2(m(F_STRONG))} ${f2(m(F_LOG_BRIGHTNESS))} ${f2(m(F_ANGLE))} ${f2(m(F_VEG_BEFORE))}${f2(m(F_VEG_AFTER))}${f2(m(F_WATER_BEFORE))}${f2(m(F_WATER_AFTER))} ${f2(2 * n / perimeter[l])} ${s.change_type.slice(0, 8)} ${s.keep ? 'K' : '-'} ${f2(texSum[l] / n)} ${f2(m(F_VANISHED_SHADOW))} @${Math.round(cx[l] / n)},${Math.round(cy[l] / n)}  ${on}`);
}
console.log('truth objects (≥ minArea): id type area  covered-by-kept  in-mask  mean mag/T');
truthFc.features.forEach((f, k) => {
  let n = 0, inKept = 0, inMask = 0, mag = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] !== k + 1) continue;
    n++; mag += r.features[F_MAGNITUDE][i];
    if (labels[i]) { inMask++; if (kept.has(labels[i])) inKept++; }
  }
  if (n < minPx) return;
  const frac = inKept / n;
  console.log(`${frac >= 0.1 ? '  ' : '✗ '}${f.properties!.id} ${String(f.properties!.type).padEnd(16)} ${String(n).padStart(5)} ${f2(frac)} ${f2(inMask / n)} ${f2(mag / n / model.threshold)}`);
});

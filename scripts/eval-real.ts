/**
 * Pixel accuracy of the landwatch detector against plain CVA + Otsu on every labelled real pair in
 * /work/shared/data/real. Scores are pooled over a dataset's pairs (micro-averaged), on labelled
 * pixels only. Real pairs use a nominal pixel size and a 50 m² minimum patch area, applied as an
 * 8-connected component size filter, plus summarisePatch's keep decision per component.
 * Usage: npx tsx scripts/eval-real.ts [--verbose] [--threshold-scale K]
 * --threshold-scale multiplies the fitted pixel and object thresholds (a sensitivity check: how much
 * the scores hang on the automatic threshold).
 */
import { parseArgs } from 'node:util';
import { loadRealPairs, type RealPair } from './eval/load-pairs.ts';
import { cvaOtsu } from './eval/cva-otsu.ts';
import { labelComponents } from './eval/label-components.ts';
import { fitSceneModel } from '../geo/detect/fit-scene-model.ts';
import { detectWindow } from '../geo/detect/detect-window.ts';
import { summarisePatch } from '../geo/detect/summarise-patch.ts';
import { FEATURES } from '../geo/detect/scene-model.ts';
import { CHANGE_TYPES } from '../geo/types.ts';
import { coregisterStacks } from './eval/coregister-stacks.ts';

const MIN_AREA_M2 = 50;
const { values: args } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, 'threshold-scale': { type: 'string', default: '1' } } });
const verbose = args.verbose!;
const thresholdScale = Number(args['threshold-scale']);
if (!(thresholdScale > 0)) throw new Error(`--threshold-scale: not a positive number: ${args['threshold-scale']}`);

interface Counts { tp: number; fp: number; fn: number }
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

function score(pred: Uint8Array, label: Uint8Array, c: Counts): Counts {
  const own = zero();
  for (let i = 0; i < label.length; i++) {
    const l = label[i];
    if (l === 255) continue;
    if (pred[i] && l) own.tp++;
    else if (pred[i]) own.fp++;
    else if (l) own.fn++;
  }
  c.tp += own.tp; c.fp += own.fp; c.fn += own.fn;
  return own;
}

function prf(c: Counts): [number, number, number] {
  const p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return [p, r, p + r > 0 ? (2 * p * r) / (p + r) : 0];
}

const fmt = (c: Counts): string => prf(c).map((v) => v.toFixed(3)).join(' / ');

/**
 * Our detector on one pair, whole image as one window (co-registered as `landwatch detect` would),
 * with the eval's patch filtering.
 */
export function detectPair(pair: RealPair): Uint8Array {
  const opts = { pixelSizeM: pair.pixelSizeM };
  const fitted = fitSceneModel([{ before: pair.before, after: pair.after }], pair.roles, opts);
  const model = { ...fitted, threshold: fitted.threshold * thresholdScale, objectThreshold: fitted.objectThreshold * thresholdScale };
  const { before, after } = coregisterStacks(pair.before, pair.after);
  const r = detectWindow(before, after, pair.roles, model, opts);
  const { labels, count, pixels, perimeter } = labelComponents(r.mask, r.width, r.height);
  const minPx = MIN_AREA_M2 / (pair.pixelSizeM * pair.pixelSizeM);
  const nf = FEATURES.length;
  const sums = new Float64Array((count + 1) * nf);
  const types = new Float64Array((count + 1) * CHANGE_TYPES.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (!l) continue;
    for (let f = 0; f < nf; f++) sums[l * nf + f] += r.features[f][i];
    types[l * CHANGE_TYPES.length + r.changeClass[i]]++;
  }
  const keep = new Uint8Array(count + 1);
  for (let l = 1; l <= count; l++) {
    if (pixels[l] < minPx) continue;
    const s = summarisePatch(
      {
        pixelCount: pixels[l],
        typeCounts: Array.from(types.subarray(l * CHANGE_TYPES.length, (l + 1) * CHANGE_TYPES.length)),
        featureSums: Array.from(sums.subarray(l * nf, (l + 1) * nf)),
      },
      { areaM2: pixels[l] * pair.pixelSizeM ** 2, perimeterM: perimeter[l] * pair.pixelSizeM },
      model,
    );
    keep[l] = s.keep ? 1 : 0;
  }
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = keep[labels[i]];
  if (verbose) console.error(`  model ${pair.id}: T=${model.threshold.toFixed(2)} veg=${model.vegThreshold.toFixed(3)} dark=${model.darkLevel.toFixed(1)} shA=${model.shadowAngle.toFixed(3)} gain=${model.gain.map((g) => g.toFixed(2)).join(',')}`);
  return out;
}

async function main(): Promise<void> {
  const pairs = await loadRealPairs();
  const datasets = [...new Set(pairs.map((p) => p.dataset))];
  const rows: string[] = [];
  for (const ds of datasets) {
    const ours = zero();
    const base = zero();
    const dsPairs = pairs.filter((p) => p.dataset === ds);
    for (const pair of dsPairs) {
      const t0 = performance.now();
      const o = score(detectPair(pair), pair.label, ours);
      const b = score(cvaOtsu(pair.before, pair.after), pair.label, base);
      if (verbose) console.error(`${ds}/${pair.id}: ours ${fmt(o)}  cva ${fmt(b)}  (${(performance.now() - t0).toFixed(0)} ms)`);
    }
    rows.push(`| ${ds} | ${dsPairs.length} | ${fmt(ours)} | ${fmt(base)} |`);
  }
  console.log('| dataset | pairs | ours P / R / F1 | CVA+Otsu P / R / F1 |');
  console.log('| --- | ---: | --- | --- |');
  for (const r of rows) console.log(r);
}

await main();

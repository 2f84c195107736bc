/**
 * Regression guard for detector speed work: fits the scene model and runs detectWindow over each
 * whole test pair, plus detectScene for the patch count, and either records the results
 * (`--save`) or compares against the recording (default). Pairs: fixtures/sample and the generated
 * 1024² scene (`npx tsx scripts/generate-scene.ts --size 1024 --seed 3 --pixel 1 --out /tmp/lw-reg-1024`).
 * Usage: npx tsx scripts/check-detect-regression.ts [--save] [--dir /tmp/lw-reg]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { detectWindow } from '../geo/detect/detect-window.ts';
import { openPair } from '../geo/raster/open-pair.ts';
import { detectScene } from '../pipeline/detect/detect-scene.ts';
import { resolveDetectOptions } from '../pipeline/detect/detect-options.ts';
import { fitPairModel } from '../pipeline/detect/fit-pair-model.ts';

const args = process.argv.slice(2);
const save = args.includes('--save');
const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : '/tmp/lw-reg';
mkdirSync(dir, { recursive: true });

const pairs: Array<[string, string, string]> = [
  ['sample', 'fixtures/sample/before.tif', 'fixtures/sample/after.tif'],
  ['gen1024', '/tmp/lw-reg-1024/before.tif', '/tmp/lw-reg-1024/after.tif'],
];

let failed = false;
for (const [name, bp, ap] of pairs) {
  if (!existsSync(bp)) {
    console.log(`${name}: missing ${bp}, skipped`);
    continue;
  }
  const pair = await openPair(bp, ap);
  const t0 = performance.now();
  const model = await fitPairModel(pair, resolveDetectOptions({}));
  const fitMs = performance.now() - t0;
  const { width, height } = pair.grid;
  const { before, after } = await pair.readWindow({ x: 0, y: 0, width, height });
  // A window hanging over the top-left grid corner: exercises the invalid-pixel paths.
  const part = await pair.readWindow({ x: -37, y: -21, width: Math.ceil(width * 0.6), height: Math.ceil(height * 0.7) });
  await pair.close();
  const wmask = detectWindow(part.before, part.after, pair.roles, model, { pixelSizeM: model.pixelSizeM }).mask;
  const t1 = performance.now();
  const out = detectWindow(before, after, pair.roles, model, { pixelSizeM: model.pixelSizeM });
  const detMs = performance.now() - t1;
  const scene = await detectScene({ before: bp, after: ap }, {});
  const n = width * height;
  const maskCount = out.mask.reduce((s, v) => s + v, 0);
  const rec = {
    model,
    patches: scene.patches.length,
    // Key and pixel count only: patch summaries belong to summarise-patch.ts, tuned separately.
    patchDigest: JSON.stringify(scene.patches.map((p) => `${p.key}:${p.properties.pixel_count}`)),
  };
  console.log(`${name}: ${width}×${height} fit ${fitMs.toFixed(0)} ms, detectWindow ${detMs.toFixed(0)} ms, mask ${maskCount} px, patches ${rec.patches}`);
  // Features on mask pixels (what the vectoriser uses; compared there only), magnitude everywhere
  // valid (recorded, but off the mask it may be an upper bound: changeFields `deferBelow`).
  const feat = new Float32Array(n * out.features.length);
  out.features.forEach((f, k) => {
    for (let i = 0; i < n; i++) feat[k * n + i] = k === 0 || out.mask[i] ? f[i] : 0;
  });
  const cls = out.changeClass.map((c, i) => (out.mask[i] ? c : 4));
  if (save) {
    writeFileSync(`${dir}/${name}.json`, JSON.stringify(rec, null, 1));
    writeFileSync(`${dir}/${name}.mask`, out.mask);
    writeFileSync(`${dir}/${name}.wmask`, wmask);
    writeFileSync(`${dir}/${name}.class`, cls);
    writeFileSync(`${dir}/${name}.feat`, new Uint8Array(feat.buffer));
    continue;
  }
  const ref = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8'));
  const rmask = new Uint8Array(readFileSync(`${dir}/${name}.mask`));
  const rcls = new Uint8Array(readFileSync(`${dir}/${name}.class`));
  const rb = readFileSync(`${dir}/${name}.feat`);
  const rfeat = new Float32Array(rb.buffer.slice(rb.byteOffset, rb.byteOffset + rb.byteLength));
  let maskDiff = 0;
  let clsDiff = 0;
  for (let i = 0; i < n; i++) {
    if (rmask[i] !== out.mask[i]) maskDiff++;
    if (rcls[i] !== cls[i]) clsDiff++;
  }
  const rw = new Uint8Array(readFileSync(`${dir}/${name}.wmask`));
  let wDiff = 0;
  for (let i = 0; i < wmask.length; i++) if (rw[i] !== wmask[i]) wDiff++;
  maskDiff += wDiff;
  const featDiff: number[] = [];
  for (let k = 0; k < out.features.length; k++) {
    let d = 0;
    for (let i = 0; i < n; i++) {
      if (!out.mask[i]) continue;
      const e = Math.abs(rfeat[k * n + i] - feat[k * n + i]);
      if (e > d || e !== e) d = e;
    }
    featDiff.push(d);
  }
  const modelSame = JSON.stringify(ref.model) === JSON.stringify(model);
  const ok = maskDiff === 0 && clsDiff === 0 && modelSame && ref.patches === rec.patches && ref.patchDigest === rec.patchDigest;
  if (!ok) failed = true;
  console.log(
    `  ${ok ? 'SAME' : 'DIFF'}: mask diff ${maskDiff} px (corner window ${wDiff}), class diff ${clsDiff}, model ${modelSame ? 'same' : 'DIFFERENT'}, patches ${ref.patches} → ${rec.patches}` +
      `${ref.patchDigest === rec.patchDigest ? '' : ' (patch pixels differ)'}, max feature diff [${featDiff.map((d) => d.toExponential(1)).join(', ')}]`,
  );
  if (!modelSame) {
    for (const k of Object.keys(model)) {
      const a = JSON.stringify(ref.model[k]);
      const b = JSON.stringify((model as unknown as Record<string, unknown>)[k]);
      if (a !== b) console.log(`    model.${k}: ${a} → ${b}`);
    }
  }
}
process.exitCode = failed ? 1 : 0;

/**
 * Scores detected patches against a generated scene's truth (see fixtures/scene/score-patches.ts
 * for the definitions):
 *   npx tsx scripts/eval-scene.ts --scene DIR [--patches FILE] [--detect] [--min-truth-area 200]
 *     [--min-hit-fraction 0.1] [--min-hit-pixels N] [--json]
 * --patches defaults to DIR/patches.geojson; --detect first runs
 *   npx landwatch detect --before DIR/before.tif --after DIR/after.tif --out DIR/patches.geojson
 * Object recall counts truth objects ≥ min-truth-area m² covered ≥ min-hit-fraction (or ≥ min-hit-pixels)
 * by patches;
 * object precision counts patches sharing ≥ 1 pixel with any truth object; area F1 is pixel-based.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFc, scoreSceneDir } from '../fixtures/scene/score-scene-dir.ts';

const { values } = parseArgs({
  options: {
    scene: { type: 'string' },
    patches: { type: 'string' },
    detect: { type: 'boolean', default: false },
    'min-truth-area': { type: 'string' },
    'min-hit-fraction': { type: 'string' },
    'min-hit-pixels': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.scene) {
  console.error('usage: eval-scene.ts --scene DIR [--patches FILE] [--detect] [--min-truth-area 200] [--min-hit-fraction 0.1] [--json]');
  process.exit(2);
}
const dir = values.scene;
const patchesPath = values.patches ?? join(dir, 'patches.geojson');
let detectSeconds: number | null = null;
if (values.detect) {
  const t = performance.now();
  const r = spawnSync('npx', ['landwatch', 'detect', '--before', join(dir, 'before.tif'), '--after', join(dir, 'after.tif'), '--out', patchesPath], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`landwatch detect failed with exit code ${r.status}`);
    process.exit(1);
  }
  detectSeconds = Math.round(performance.now() - t) / 1000;
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const s = scoreSceneDir(dir, readFc(patchesPath), { minTruthArea: num(values['min-truth-area']), minHitFraction: num(values['min-hit-fraction']), minHitPixels: num(values['min-hit-pixels']) });
if (values.json) {
  console.log(JSON.stringify({ scene: dir, patchesFile: patchesPath, detectSeconds, ...s }, null, 2));
} else {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`scene ${dir}, patches ${patchesPath}${detectSeconds === null ? '' : ` (detect ${detectSeconds} s)`}`);
  console.log(`object recall    ${pct(s.recall)}  (${s.truthHit} / ${s.truthScored} truth objects ≥ threshold)`);
  console.log(`object precision ${pct(s.precision)}  (${s.patchesOnTruth} / ${s.patches} patches on truth)`);
  console.log(`object F1        ${pct(s.objectF1)}`);
  console.log(`area P / R / F1  ${pct(s.area.precision)} / ${pct(s.area.recall)} / ${pct(s.area.f1)}  (truth ${s.area.truthPx} px, patches ${s.area.patchPx} px, both ${s.area.intersectPx} px)`);
  for (const [t, v] of Object.entries(s.byType)) console.log(`  ${t.padEnd(16)} ${v.hit} / ${v.scored}`);
  if (Object.keys(s.falsePatchesBy).length) console.log(`false patches by cause: ${JSON.stringify(s.falsePatchesBy)}`);
  if (s.missed.length) console.log(`missed: ${s.missed.join(', ')}`);
}

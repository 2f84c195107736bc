/**
 * Object recall / precision and area F1 of `landwatch detect` over several generated scenes, one per
 * seed, as a Markdown table (per seed and pooled). Scenes are generated once and cached.
 *   npx tsx scripts/eval-scenes.ts --seeds 201,202,203,204 [--size 2048] [--pixel 1]
 *     [--cache /tmp/landwatch-scenes] [--min-area 200] [--sample] [--verbose]
 * --sample adds fixtures/sample as a row. --verbose prints misses by type and false patches by cause.
 * Pooled recall/precision count objects over all scenes; pooled area F1 pools pixels.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFc, scoreSceneDir } from '../fixtures/scene/score-scene-dir.ts';
import type { ScoreResult } from '../fixtures/scene/score-patches.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '201,202,203,204' },
    size: { type: 'string', default: '2048' },
    pixel: { type: 'string', default: '1' },
    cache: { type: 'string', default: '/tmp/landwatch-scenes' },
    'min-area': { type: 'string', default: '200' },
    sample: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

function sceneDir(seed: string): string {
  const dir = join(values.cache!, `s${seed}-${values.size}-${values.pixel}`);
  if (!existsSync(join(dir, 'after.tif'))) {
    run('npx', ['tsx', 'scripts/generate-scene.ts', '--size', values.size!, '--seed', seed, '--pixel', values.pixel!, '--out', dir]);
  }
  return dir;
}

/** Patches of this run, apart from concurrent runs' (scenes are shared, results are not). */
const runDir = mkdtempSync(join(tmpdir(), 'eval-scenes-'));

function detectAndScore(dir: string, tag: string): ScoreResult {
  const out = join(runDir, `${tag}.patches.geojson`);
  run('npx', ['landwatch', 'detect', '-q', '--before', join(dir, 'before.tif'), '--after', join(dir, 'after.tif'), '--out', out, '--min-area', values['min-area']!]);
  return scoreSceneDir(dir, readFc(out), { minTruthArea: Number(values['min-area']) });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const rows: string[] = [];
const total = { hit: 0, scored: 0, onTruth: 0, patches: 0, truthPx: 0, patchPx: 0, both: 0 };
const jobs: Array<[string, string]> = values.seeds!.split(',').filter(Boolean).map((s) => [s, sceneDir(s.trim())]);
if (values.sample) jobs.push(['sample', 'fixtures/sample']);
for (const [tag, dir] of jobs) {
  const s = detectAndScore(dir, tag);
  total.hit += s.truthHit; total.scored += s.truthScored;
  total.onTruth += s.patchesOnTruth; total.patches += s.patches;
  total.truthPx += s.area.truthPx; total.patchPx += s.area.patchPx; total.both += s.area.intersectPx;
  rows.push(`| ${tag} | ${s.truthHit} / ${s.truthScored} (${pct(s.recall)}) | ${s.patchesOnTruth} / ${s.patches} (${pct(s.precision)}) | ${pct(s.area.f1)} |`);
  if (values.verbose) {
    const missedTypes = Object.entries(s.byType).filter(([, v]) => v.hit < v.scored).map(([t, v]) => `${t} ${v.hit}/${v.scored}`);
    console.error(`${tag}: missed ${missedTypes.join(', ') || 'none'} [${s.missed.join(' ')}]; false by cause ${JSON.stringify(s.falsePatchesBy)}`);
  }
}
const ap = total.patchPx > 0 ? total.both / total.patchPx : 0;
const ar = total.truthPx > 0 ? total.both / total.truthPx : 0;
const r = total.scored > 0 ? total.hit / total.scored : 0;
const p = total.patches > 0 ? total.onTruth / total.patches : 0;
console.log('| scene | object recall | object precision | area F1 |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`| **all** | ${total.hit} / ${total.scored} (${pct(r)}) | ${total.onTruth} / ${total.patches} (${pct(p)}) | ${pct(ap + ar > 0 ? (2 * ap * ar) / (ap + ar) : 0)} |`);

/**
 * Object recall / precision and area F1 of `landwatch detect` over several generated scenes, one per
 * seed, as a Markdown table (per seed and pooled). Scenes are generated once and cached.
 *   npx tsx scripts/eval-scenes.ts --seeds 201,202,203,204 [--size 2048] [--pixel 1]
 *     [--cache /tmp/landwatch-scenes] [--min-area 200] [--sample] [--baseline] [--verbose]
 * --sample adds fixtures/sample as a row. --verbose prints misses by type and false patches by cause,
 * then pooled recall by truth type. --baseline adds columns for the issue's classic chain (plain CVA
 * + Otsu + sieve at the same --min-area, scripts/eval/cva-baseline-patches.ts), scored the same way.
 * Pooled recall/precision count objects over all scenes; pooled area F1 pools pixels.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFc, scoreSceneDir } from '../fixtures/scene/score-scene-dir.ts';
import type { ScoreResult } from '../fixtures/scene/score-patches.ts';
import { cvaBaselinePatches } from './eval/cva-baseline-patches.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '201,202,203,204' },
    size: { type: 'string', default: '2048' },
    pixel: { type: 'string', default: '1' },
    cache: { type: 'string', default: '/tmp/landwatch-scenes' },
    'min-area': { type: 'string', default: '200' },
    sample: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
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

const minArea = Number(values['min-area']);

function detectAndScore(dir: string, tag: string): ScoreResult {
  const out = join(runDir, `${tag}.patches.geojson`);
  run('npx', ['landwatch', 'detect', '-q', '--before', join(dir, 'before.tif'), '--after', join(dir, 'after.tif'), '--out', out, '--min-area', values['min-area']!]);
  return scoreSceneDir(dir, readFc(out), { minTruthArea: minArea });
}

async function baselineScore(dir: string): Promise<ScoreResult> {
  const fc = await cvaBaselinePatches(join(dir, 'before.tif'), join(dir, 'after.tif'), minArea);
  return scoreSceneDir(dir, fc, { minTruthArea: minArea });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** Sums of one method's scores over the scenes, for the pooled row. */
class Pool {
  hit = 0; scored = 0; onTruth = 0; patches = 0; truthPx = 0; patchPx = 0; both = 0;
  byType: Record<string, { scored: number; hit: number }> = {};
  add(s: ScoreResult): void {
    this.hit += s.truthHit; this.scored += s.truthScored;
    this.onTruth += s.patchesOnTruth; this.patches += s.patches;
    this.truthPx += s.area.truthPx; this.patchPx += s.area.patchPx; this.both += s.area.intersectPx;
    for (const [t, v] of Object.entries(s.byType)) {
      const e = (this.byType[t] ??= { scored: 0, hit: 0 });
      e.scored += v.scored; e.hit += v.hit;
    }
  }
  cells(): string {
    const ap = this.patchPx > 0 ? this.both / this.patchPx : 0;
    const ar = this.truthPx > 0 ? this.both / this.truthPx : 0;
    const r = this.scored > 0 ? this.hit / this.scored : 0;
    const p = this.patches > 0 ? this.onTruth / this.patches : 0;
    return `${this.hit} / ${this.scored} (${pct(r)}) | ${this.onTruth} / ${this.patches} (${pct(p)}) | ${pct(ap + ar > 0 ? (2 * ap * ar) / (ap + ar) : 0)}`;
  }
  typeRecall(): string {
    return Object.entries(this.byType).map(([t, v]) => `${t} ${v.hit}/${v.scored}`).join(', ');
  }
}

const cells = (s: ScoreResult): string => `${s.truthHit} / ${s.truthScored} (${pct(s.recall)}) | ${s.patchesOnTruth} / ${s.patches} (${pct(s.precision)}) | ${pct(s.area.f1)}`;

function explain(label: string, s: ScoreResult): void {
  const missedTypes = Object.entries(s.byType).filter(([, v]) => v.hit < v.scored).map(([t, v]) => `${t} ${v.hit}/${v.scored}`);
  console.error(`${label}: missed ${missedTypes.join(', ') || 'none'} [${s.missed.join(' ')}]; false by cause ${JSON.stringify(s.falsePatchesBy)}`);
}

const rows: string[] = [];
const ours = new Pool();
const base = new Pool();
const jobs: Array<[string, string]> = values.seeds!.split(',').filter(Boolean).map((s) => [s, sceneDir(s.trim())]);
if (values.sample) jobs.push(['sample', 'fixtures/sample']);
for (const [tag, dir] of jobs) {
  const s = detectAndScore(dir, tag);
  ours.add(s);
  if (values.verbose) explain(tag, s);
  let row = `| ${tag} | ${cells(s)} |`;
  if (values.baseline) {
    const b = await baselineScore(dir);
    base.add(b);
    if (values.verbose) explain(`${tag} baseline`, b);
    row += ` ${cells(b)} |`;
  }
  rows.push(row);
}
if (values.verbose) {
  console.error(`recall by type: ${ours.typeRecall()}`);
  if (values.baseline) console.error(`baseline recall by type: ${base.typeRecall()}`);
}
const head = ['object recall', 'object precision', 'area F1'];
const cols = values.baseline ? [...head, ...head.map((h) => `CVA+Otsu ${h}`)] : head;
console.log(`| scene | ${cols.join(' | ')} |`);
console.log(`| --- |${' --- |'.repeat(cols.length)}`);
for (const row of rows) console.log(row);
console.log(`| **all** | ${ours.cells()} |${values.baseline ? ` ${base.cells()} |` : ''}`);

/**
 * End-to-end `detect` benchmark: generates (once, cached) a seeded 4-band uint16 DEFLATE pair and
 * times detection on all cores, printing Mpix/s and peak RSS of the process (threads included).
 *   npx tsx scripts/bench-detect.ts [--size 8192] [--seed 11] [--threads 2] [--window 1024]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { detectScene } from '../pipeline/detect/detect-scene.ts';
import { runUnitsInThreads } from '../workers/threads/unit-pool.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '8192' },
    seed: { type: 'string', default: '11' },
    threads: { type: 'string', default: '2' },
    window: { type: 'string', default: '1024' },
    dir: { type: 'string' },
  },
});
const size = Number(values.size);
const dir = values.dir ?? join(tmpdir(), `landwatch-bench-${size}-s${values.seed}`);
if (!existsSync(join(dir, 'after.tif'))) {
  console.log(`generating ${size}² scene (seed ${values.seed}) in ${dir} …`);
  const t = Date.now();
  execFileSync('npx', ['tsx', 'scripts/generate-scene.ts', '--size', String(size), '--seed', String(values.seed), '--pixel', '1', '--out', dir, '--compression', 'deflate'], {
    stdio: 'inherit',
  });
  console.log(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

const started = performance.now();
const result = await detectScene(join(dir, 'before.tif'), join(dir, 'after.tif'), { windowSize: Number(values.window) }, {
  runUnits: (units, ctx, onResult, signal) =>
    runUnitsInThreads(units, { beforePath: ctx.beforePath, afterPath: ctx.afterPath, bands: ctx.bands, model: ctx.model, threads: Number(values.threads) }, onResult, signal),
});
const secs = (performance.now() - started) / 1000;
const mpix = (result.grid.width * result.grid.height) / 1e6;
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log('| scene | threads | units | patches | seconds | Mpix/s | peak RSS (MB) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${size}² 4×uint16 DEFLATE | ${values.threads} | ${result.units} | ${result.patches.length} | ${secs.toFixed(1)} | ${(mpix / secs).toFixed(1)} | ${rssMb.toFixed(0)} |`);

/**
 * End-to-end `detect` benchmark: generates (once, cached) a seeded 4-band uint16 DEFLATE pair and
 * times detection on all cores, printing Mpix/s, CPU seconds (all threads), peak RSS of the process
 * (threads included) and the load average, so runs on a shared machine can be judged.
 *   npx tsx scripts/bench-detect.ts [--size 8192] [--seed 11] [--threads 2] [--window 1024] [--dir DIR] [--json]
 * With --dir, an existing scene folder (before.tif, after.tif) is used, or generated there.
 * --max-units N runs only the first N units (row-major; a partial run for memory checks on huge
 * scenes: Mpix/s then counts only the pixels of the units run).
 * --before-mask / --after-mask FILE time detection with cloud masks (as `landwatch detect`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { detectScene } from '../pipeline/detect/detect-scene.ts';
import { runUnitsInThreads } from '../workers/threads/unit-pool.ts';
import { rerunWithHeapFlags } from './heap-rerun.ts';

await rerunWithHeapFlags();

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '8192' },
    seed: { type: 'string', default: '11' },
    threads: { type: 'string', default: '2' },
    window: { type: 'string', default: '1024' },
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
    'max-units': { type: 'string' },
    'before-mask': { type: 'string' },
    'after-mask': { type: 'string' },
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

const load0 = loadavg();
const cpu0 = process.cpuUsage();
// Memory timeline on stderr: where in the run the peak happens (fitting, units, assembly).
const mb = (b: number) => Math.round(b / 2 ** 20);
const trace = (what: string) => {
  const m = process.memoryUsage();
  console.error(`${((performance.now() - started) / 1000).toFixed(1)} s ${what}: rss ${mb(m.rss)} MB, main heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB`);
};
let lastTenth = -1;
const maxUnits = values['max-units'] === undefined ? undefined : Number(values['max-units']);
let unitsRun = 0;
let pixelsRun = 0;
const started = performance.now();
const masks = { before: values['before-mask'], after: values['after-mask'] };
const result = await detectScene({ before: join(dir, 'before.tif'), after: join(dir, 'after.tif'), masks }, { windowSize: Number(values.window) }, {
  progress: (p) => {
    const label = p.label ?? '';
    const tenth = Math.floor((p.done / p.total) * 10);
    if (label.includes('windows') && tenth !== lastTenth) trace(`units ${p.done}/${p.total}`);
    else if (!label.includes('windows')) trace(label);
    lastTenth = tenth;
  },
  runUnits: (units, ctx, onResult, signal) => {
    const run = units.then((all) => {
      const some = maxUnits === undefined ? all : all.slice(0, maxUnits);
      unitsRun = some.length;
      pixelsRun = some.reduce((s, u) => s + u.core.width * u.core.height, 0);
      return some;
    });
    return runUnitsInThreads(run, { beforePath: ctx.beforePath, afterPath: ctx.afterPath, masks: ctx.masks, bands: ctx.bands, model: ctx.model, threads: Number(values.threads) }, onResult, signal);
  },
});
const secs = (performance.now() - started) / 1000;
trace('done');
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
const load1 = loadavg();
const mpix = pixelsRun / 1e6;
const rssMb = process.resourceUsage().maxRSS / 1024;
const row = {
  scene: `${result.grid.width}×${result.grid.height}`, threads: Number(values.threads), units: unitsRun === result.units ? `${result.units}` : `${unitsRun} of ${result.units}`, patches: result.patches.length,
  masked_pixels: result.maskedPixels, seconds: round(secs), mpix_per_s: round(mpix / secs), cpu_seconds: round(cpuSecs), mpix_per_cpu_s: round(mpix / cpuSecs),
  peak_rss_mb: Math.round(rssMb), load_before: round(load0[0]), load_after: round(load1[0]),
};
if (values.json) console.log(JSON.stringify(row));
else {
  console.log('| scene | threads | units | patches | masked px | seconds | Mpix/s | CPU s | Mpix per CPU s | peak RSS (MB) | load 1 min (start/end) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  console.log(`| ${row.scene} 4×uint16 DEFLATE | ${row.threads} | ${row.units} | ${row.patches} | ${row.masked_pixels} | ${row.seconds} | ${row.mpix_per_s} | ${row.cpu_seconds} | ${row.mpix_per_cpu_s} | ${row.peak_rss_mb} | ${row.load_before} / ${row.load_after} |`);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * End-to-end run benchmark on real PostgreSQL + PostGIS and Redis: a generated scene (default
 * 16384², 1 m) run with 1 and with 2 `landwatch worker` processes; prints wall time, Mpix/s, the
 * wall time of each stage (from the run's stage timestamps, export included), peak RSS and CPU time
 * per process (workers, their sandboxed children, and this submitting process) and the load average.
 *   npx tsx scripts/bench-run.ts [--size 16384] [--seed 1] [--scene DIR] [--workers 1,2] [--window 1024] [--strips K] [--keep]
 * --strips K (a power of two) runs the scene as K tile pairs: each date cut into K vertical strips
 * (written once into DIR/strips-K/), as a batch run over many tiles is.
 * --keep leaves each run's schema in the database (named in the output), to time or profile a
 * stage again on a finished run.
 * The scene is generated once into --scene (default /tmp/landwatch-bench-<size>-<seed>).
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), REDIS_URL (default local).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { importLayer } from '../pipeline/layers/import-layer.ts';
import { createRun } from '../pipeline/runs/create-run.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import { runStatus } from '../pipeline/runs/run-status.ts';
import { redisConnection } from '../workers/bullmq/connection.ts';
import { executeRun } from '../workers/executor-run.ts';
import { splitTiff } from '../fixtures/split-tiff.ts';
import { rerunWithHeapFlags } from './heap-rerun.ts';

await rerunWithHeapFlags();

const BIN = fileURLToPath(new URL('../bin/landwatch.js', import.meta.url));
const { values } = parseArgs({
  options: { size: { type: 'string' }, seed: { type: 'string' }, scene: { type: 'string' }, workers: { type: 'string' }, window: { type: 'string' }, strips: { type: 'string' }, keep: { type: 'boolean' } },
});
const size = Number(values.size ?? 16384);
const seed = Number(values.seed ?? 1);
const sceneDir = values.scene ?? `/tmp/landwatch-bench-${size}-${seed}`;
const counts = (values.workers ?? '1,2').split(',').map(Number);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cores = availableParallelism();

if (!existsSync(join(sceneDir, 'scene.json'))) {
  console.log(`generating ${size}² scene (seed ${seed}) into ${sceneDir} …`);
  execFileSync('npx', ['tsx', fileURLToPath(new URL('./generate-scene.ts', import.meta.url)), '--size', String(size), '--seed', String(seed), '--pixel', '1', '--out', sceneDir], { stdio: 'inherit' });
}
const scene = JSON.parse(readFileSync(join(sceneDir, 'scene.json'), 'utf8')) as { XZQDM: string; XZQMC: string; QSX: string; HSX: string; width: number; height: number };
const mpix = (scene.width * scene.height) / 1e6;

/** The date's file, or its K strips (halved recursively, each written once). */
async function tiles(date: 'before' | 'after', k: number): Promise<string[]> {
  let parts = [join(sceneDir, `${date}.tif`)];
  const dir = join(sceneDir, `strips-${k}`);
  mkdirSync(dir, { recursive: true });
  for (let n = 1; n < k; n *= 2) {
    const next: string[] = [];
    for (const [i, part] of parts.entries()) {
      const west = join(dir, `${date}-${2 * n}-${2 * i}.tif`);
      const east = join(dir, `${date}-${2 * n}-${2 * i + 1}.tif`);
      if (!existsSync(east)) await splitTiff(part, Math.floor(scene.width / n / 2), west, east);
      next.push(west, east);
    }
    parts = next;
  }
  return parts;
}
const strips = Number(values.strips ?? 1);
if (!Number.isInteger(Math.log2(strips))) throw new Error(`--strips ${strips}: a power of two, please`);
const [beforeTiles, afterTiles] = [await tiles('before', strips), await tiles('after', strips)];

/** Peak RSS (VmHWM) in MiB of a process, or 0 when it is gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
/** User + system CPU seconds of a process so far, or 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

for (const n of counts) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const prefix = `lwbench-${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl, schema });
  for (const kind of ['landuse', 'farmland', 'approved'] as const) await importLayer(store, { kind, file: join(sceneDir, `${kind}.geojson`) });
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LANDWATCH_DB_SCHEMA: schema, LANDWATCH_QUEUE_PREFIX: prefix };
  const concurrency = Math.max(1, Math.floor(cores / n));
  const workers: ChildProcess[] = Array.from({ length: n }, () =>
    // Run as a program, as `landwatch worker` is: its first lines start node with the heap flags.
    spawn(BIN, ['worker', '--quiet', '--concurrency', String(concurrency)], { env, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  const peaks = new Map<number, { role: string; mib: number; cpu: number }>();
  const track = (pid: number, role: string) => {
    const p = peaks.get(pid) ?? { role, mib: 0, cpu: 0 };
    p.mib = Math.max(p.mib, peakRss(pid));
    p.cpu = Math.max(p.cpu, cpuSeconds(pid));
    peaks.set(pid, p);
  };
  const sample = () => {
    for (const w of workers) {
      if (!w.pid) continue;
      track(w.pid, 'worker');
      for (const c of childrenOf(w.pid)) track(c, `  child of ${w.pid}`);
    }
  };
  const timer = setInterval(sample, 200);
  // Wait until every worker serves its queues (start-up is not part of a run: workers are long-lived).
  const connection = redisConnection(redisUrl);
  const probe = new Queue('catalogue', { connection, prefix });
  while ((await probe.getWorkersCount()) < n) await new Promise((r) => setTimeout(r, 200));
  await probe.close();
  await connection.quit();
  const runId = await createRun(store, {
    before: beforeTiles,
    after: afterTiles,
    region: scene.XZQDM,
    regionName: scene.XZQMC,
    qsx: scene.QSX,
    hsx: scene.HSX,
    detect: { windowSize: values.window ? Number(values.window) : undefined },
    outDir: join(sceneDir, `out-${n}w`),
  });
  const load0 = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const startedAt = Date.now();
  const result = await executeRun(store, runId, { redisUrl, prefix, quiet: true });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const final = await runStatus(store, runId);
  sample();
  clearInterval(timer);
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
  // Each stage's start after the submission and its wall time: the gaps between stages are queue and start-up latency.
  const stages = final.stages.map((s) => `${s.stage} ${s.started_at ? `@${((s.started_at.getTime() - startedAt) / 1000).toFixed(1)} ` : ''}${s.seconds?.toFixed(1) ?? '-'}s`).join(', ');
  console.log(`\n${n} worker(s) × concurrency ${concurrency}${strips > 1 ? `, ${strips} tile pairs` : ''}: run ${runId} ${result.status.run.status}; ${result.exported?.patches ?? 0} patches, ${result.exported?.clues ?? 0} clues`);
  console.log(`  wall ${secs.toFixed(1)} s, ${(mpix / secs).toFixed(2)} Mpix/s (${mpix.toFixed(0)} Mpix); stages ${stages}`);
  console.log(`  load average 1 min: ${load0.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end (${cores} cores)`);
  console.log(`  submitter: peak RSS ${peakRss(process.pid).toFixed(0)} MiB (VmHWM, whole script), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s in the run`);
  for (const [pid, p] of peaks) console.log(`  ${p.role} ${pid}: peak RSS ${p.mib.toFixed(0)} MiB, CPU ${p.cpu.toFixed(1)} s`);
  if (values.keep) console.log(`  kept: LANDWATCH_DB_SCHEMA=${schema} (run ${runId})`);
  else {
    const { rows } = await store.query<{ stmt: string }>("SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', $1::text) AS stmt", [schema]);
    await store.query(rows[0].stmt);
  }
  await store.close();
}

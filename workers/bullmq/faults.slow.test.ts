/**
 * Fault tolerance on real Redis and PostgreSQL (fail when missing):
 * - `landwatch worker` processes killed with SIGKILL at random moments, several times in one run:
 *   the final results equal an undisturbed run's;
 * - Redis restarted mid-run without persistence (all queue state lost): the run still completes
 *   with the same results (the waiter resubmits the remaining work from the database).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneManifest } from '../../fixtures/scene/generate-scene.ts';
import { inProcessExecutor } from '../in-process.ts';
import { bullmqExecutor } from './bullmq-executor.ts';
import { exited, processesWithPrefix, queueTestEnv, runDigest, sceneRun, spawnWorker, testScene, TEST_REDIS_URL, type QueueTestEnv } from './testing.ts';

let t: QueueTestEnv;
let dir: string;
let m: SceneManifest;
let reference: string[];
const SIZE = 1024;
/** Small windows: 64 units, so kills land in the middle of detection. */
const WINDOW = 128;

beforeAll(async () => {
  t = await queueTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'lw-faults-'));
  m = await testScene(dir, SIZE, 7);
  const ref = await sceneRun(t.store, dir, m, { window: WINDOW });
  const s = await inProcessExecutor(t.store, { threads: 2 }).run(ref);
  expect(s.run.status).toBe('finished');
  reference = await runDigest(t.store, ref);
  expect(reference.length).toBeGreaterThan(0);
}, 300_000);

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults', () => {
  it('gives the undisturbed result when workers are SIGKILLed several times mid-run', async () => {
    const kids: ChildProcess[] = [spawnWorker(t.env, ['--concurrency', '1']), spawnWorker(t.env, ['--concurrency', '1'])];
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix, log: () => undefined });
    let kills = 0;
    let finished = false;
    try {
      const runId = await sceneRun(t.store, dir, m, { importLayers: false, window: WINDOW });
      const killer = (async () => {
        // The first kill lands in the middle of detection, once a unit is done; the others follow.
        const unitsDone = async () => (await t.store.query<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE run_id = $1 AND status = 'done'", [runId])).rows[0].n;
        while (!finished && (await unitsDone()) === 0) await sleep(100);
        while (!finished && kills < 4) {
          if (kills > 0) await sleep(1500 + Math.random() * 2500);
          if (finished) break;
          const i = Math.floor(Math.random() * kids.length);
          kids[i].kill('SIGKILL');
          await exited(kids[i]);
          kills++;
          kids[i] = spawnWorker(t.env, ['--concurrency', '1']);
        }
      })();
      const s = await ex.run(runId);
      finished = true;
      await killer;
      expect(kills).toBeGreaterThanOrEqual(2);
      expect(s.run.status).toBe('finished');
      expect(s.units.failed).toBe(0);
      expect(await runDigest(t.store, runId)).toEqual(reference);
    } finally {
      finished = true;
      for (const k of kids) k.kill('SIGKILL');
      await Promise.all(kids.map(exited));
      await ex.close();
    }
    // Sandboxed children of the killed workers exit too: none is left computing as an orphan.
    let left = processesWithPrefix(t.prefix);
    for (let waited = 0; left.length > 0 && waited < 15_000; waited += 500) {
      await sleep(500);
      left = processesWithPrefix(t.prefix);
    }
    expect(left).toEqual([]);
  }, 240_000);

  it('completes with the same result when Redis restarts mid-run and loses every job', async () => {
    const kids = [spawnWorker(t.env, ['--concurrency', '1']), spawnWorker(t.env, ['--concurrency', '1'])];
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix, log: () => undefined });
    let restarted = false;
    try {
      const runId = await sceneRun(t.store, dir, m, { importLayers: false, window: WINDOW });
      const s = await ex.run(runId, {
        onStatus: (st) => {
          const detect = st.stages.find((x) => x.stage === 'detect');
          if (!restarted && detect && detect.total > 0 && detect.done >= detect.total / 4) {
            restarted = true;
            restartRedis();
          }
        },
      });
      expect(restarted).toBe(true);
      expect(s.run.status).toBe('finished');
      expect(await runDigest(t.store, runId)).toEqual(reference);
    } finally {
      for (const k of kids) k.kill('SIGTERM');
      await Promise.all(kids.map(exited));
      await ex.close();
    }
  }, 240_000);
});

/** Restarts the local Redis without persistence (the CI command from the issue). */
function restartRedis(): void {
  try {
    execFileSync('redis-cli', ['shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    /* the connection drops as it shuts down */
  }
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['ping'], { stdio: 'ignore' });
      execFileSync('sleep', ['0.1']);
    } catch {
      break;
    }
  }
  execFileSync('mkdir', ['-p', '/var/lib/redis', '/var/log/redis']);
  execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log']);
}

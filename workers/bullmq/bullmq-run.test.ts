/**
 * Runs on real Redis and PostgreSQL + PostGIS (fail when missing): a run on queue workers gives the
 * in-process result; a corrupt tile is reported while the good tiles produce their clues; a unit
 * that keeps failing ends the run as finished with the unit listed; a dropped database connection
 * mid-run does not change the result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneManifest } from '../../fixtures/scene/generate-scene.ts';
import { runExport, runStage } from '../../pipeline/stages/run-stage.ts';
import { inProcessExecutor } from '../in-process.ts';
import { bullmqExecutor } from './bullmq-executor.ts';
import { startWorkers } from './start-workers.ts';
import { exited, queueTestEnv, runDigest, sceneRun, spawnWorker, stageContext, testScene, TEST_REDIS_URL, type QueueTestEnv } from './testing.ts';
import { splitTiff } from '../../fixtures/split-tiff.ts';

let t: QueueTestEnv;
let dir: string;
let m: SceneManifest;
let reference: string[];

beforeAll(async () => {
  t = await queueTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'lw-bullmq-'));
  m = await testScene(dir, 1024, 7);
  const ref = await sceneRun(t.store, dir, m);
  const s = await inProcessExecutor(t.store, { threads: 1 }).run(ref);
  expect(s.run.status).toBe('finished');
  reference = await runDigest(t.store, ref);
  expect(reference.length).toBeGreaterThan(0);
  expect(reference.some((l) => l.endsWith(' true'))).toBe(true); // at least one clue
});

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('BullMQ executor', () => {
  it('finishes a run on workers with the in-process result, and twice-run handlers change nothing', async () => {
    const workers = startWorkers({ concurrency: 2 });
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix });
    try {
      const runId = await sceneRun(t.store, dir, m, { importLayers: false });
      const s = await ex.run(runId);
      expect(s.run.status).toBe('finished');
      expect(s.units.failed).toBe(0);
      expect(await runDigest(t.store, runId)).toEqual(reference);
      // Resubmitting a finished run queues nothing; forcing a new generation redoes nothing wrong.
      expect(await ex.submit(runId, { force: true })).toBe(false);
    } finally {
      await workers.close();
      await ex.close();
    }
  });

  it('merges patches across tile borders, reports a corrupt tile, and the good tiles give clues', async () => {
    const half = m.width / 2;
    const before = await splitTiff(join(dir, m.files.before), half, join(dir, 'b-west.tif'), join(dir, 'b-east.tif'));
    const after = await splitTiff(join(dir, m.files.after), half, join(dir, 'a-west.tif'), join(dir, 'a-east.tif'));
    const bad = join(dir, 'corrupt.tif');
    writeFileSync(bad, Buffer.concat([Buffer.from('II*\0'), Buffer.alloc(4000, 0xab)]));
    const workers = startWorkers({ concurrency: 2 });
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix });
    try {
      const runId = await sceneRun(t.store, dir, m, { importLayers: false, before, after: [...after, bad] });
      const s = await ex.run(runId);
      expect(s.run.status).toBe('finished');
      expect(s.problems).toHaveLength(1);
      expect(s.problems[0]).toMatchObject({ stage: 'catalogue', subject: bad });
      expect(s.problems[0].code).toMatch(/TIFF|FILE/);
      const pairs = await t.store.query('SELECT pair_id FROM pairs WHERE run_id = $1', [runId]);
      expect(pairs.rowCount).toBe(2); // west×west and east×east; touching tiles are not pairs
      const touching = await t.store.query(
        `SELECT 1 FROM patches a JOIN patches b ON b.run_id = a.run_id AND a.id < b.id AND a.pair_id <> b.pair_id
         WHERE a.run_id = $1 AND ST_DWithin(a.geom, b.geom, 1e-7)`,
        [runId],
      );
      expect(touching.rowCount).toBe(0);
      const digest = await runDigest(t.store, runId);
      expect(digest.filter((l) => l.endsWith(' true')).length).toBeGreaterThan(0);
      // Evidence per clue from the tiles it was detected on: every clue has chips, none is off-image.
      const out = await runExport({ runId, outDir: join(dir, 'out-tiles') }, stageContext(t.store));
      expect(out.clues).toBeGreaterThan(0);
      expect(out.evidence).toMatchObject({ clues: out.clues, outside: [] });
      expect(out.evidence?.error).toBeUndefined();
      const chips = await t.store.query<{ n: number }>(
        "SELECT count(DISTINCT e.jcbh)::int AS n FROM clue_evidence e JOIN clues c ON c.jcbh = e.jcbh WHERE c.run_id = $1 AND e.kind LIKE '%true'",
        [runId],
      );
      expect(chips.rows[0].n).toBe(out.clues);
      // Both tiles' units recorded their pictures (in the sandboxed processors), so the map shows the whole scene.
      expect(out.files).toContain(join(dir, 'out-tiles', 'overview.png'));
      const missing = await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM unit_pieces WHERE run_id = $1 AND picture IS NULL', [runId]);
      expect(missing.rows[0].n).toBe(0);
    } finally {
      await workers.close();
      await ex.close();
    }
  });

  it('ends the run as finished with a unit that keeps failing listed as failed', async () => {
    // Cut here, then break one unit's window so its detection throws on every attempt; the queue
    // flow is then built from the database state (cut done: the pending units go under merge).
    const runId = await sceneRun(t.store, dir, m, { importLayers: false });
    const ctx = stageContext(t.store);
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId }, ctx);
    const broken = (await t.store.query<{ unit_id: string }>('SELECT unit_id FROM units WHERE run_id = $1 ORDER BY unit_id LIMIT 1 OFFSET 5', [runId])).rows[0].unit_id;
    await t.store.query(`UPDATE units SET win = '{"core":{"x":0,"y":0,"width":-1,"height":-1},"outer":{"x":0,"y":0,"width":-1,"height":-1}}' WHERE run_id = $1 AND unit_id = $2`, [runId, broken]);
    const workers = startWorkers({ concurrency: 2 });
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix });
    try {
      const s = await ex.run(runId);
      expect(s.run.status).toBe('finished');
      expect(s.units.failed).toBe(1);
      expect(s.units.pending).toBe(0);
      expect(s.failedUnits[0].unit_id).toBe(broken);
      expect(s.failedUnits[0].error).toBeTruthy();
      expect(s.failedUnits[0].attempts).toBeGreaterThan(1); // retried before giving up
      expect(s.stages.find((x) => x.stage === 'clues')?.status).toBe('done');
    } finally {
      await workers.close();
      await ex.close();
    }
  });

  it('completes correctly when the workers’ database connections are dropped mid-run', async () => {
    const app = `${t.prefix}-pg`;
    const env = { ...t.env, PGAPPNAME: app };
    const kids = [spawnWorker(env, ['--concurrency', '2'])];
    const ex = bullmqExecutor(t.store, { redisUrl: TEST_REDIS_URL, prefix: t.prefix });
    try {
      const runId = await sceneRun(t.store, dir, m, { importLayers: false });
      let dropped = 0;
      const s = await ex.run(runId, {
        onStatus: (st) => {
          const detect = st.stages.find((x) => x.stage === 'detect');
          if (dropped < 2 && detect && detect.done > dropped * 5) {
            dropped++;
            t.store.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]).catch(() => undefined);
          }
        },
      });
      expect(dropped).toBeGreaterThan(0);
      expect(s.run.status).toBe('finished');
      if (process.env.LANDWATCH_TEST_VERBOSE) console.log(JSON.stringify((await t.store.query('SELECT run_id, pair_id, model, grid FROM pairs')).rows));
      expect(await runDigest(t.store, runId)).toEqual(reference);
    } finally {
      for (const k of kids) k.kill('SIGTERM');
      await Promise.all(kids.map(exited));
      await ex.close();
    }
  });
});

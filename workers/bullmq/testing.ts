/**
 * Helpers for the queue tests: a generated scene, an isolated PostgreSQL schema and queue prefix
 * per test file, `landwatch worker` child processes, and a digest of a run's results that does not
 * depend on clue numbering (JCBH sequences continue across runs in one database).
 * Needs PostgreSQL + PostGIS and Redis; missing services make the tests fail, never skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { generateScene, type SceneManifest } from '../../fixtures/scene/generate-scene.ts';
import { importLayer } from '../../pipeline/layers/import-layer.ts';
import { createRun } from '../../pipeline/runs/create-run.ts';
import type { RunParams } from '../../pipeline/runs/run-params.ts';
import type { Db, Store } from '../../pipeline/store/db.ts';
import { openStore } from '../../pipeline/store/open-store.ts';
import { TEST_DATABASE_URL } from '../../pipeline/store/test-helpers.ts';
import type { StageContext } from '../../pipeline/types.ts';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIN = fileURLToPath(new URL('../../bin/landwatch.js', import.meta.url));

export interface QueueTestEnv {
  store: Store;
  schema: string;
  prefix: string;
  /** Environment for `landwatch` child processes and in-process workers. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A fresh schema and queue prefix; sets them in process.env too (for in-process workers). */
export async function queueTestEnv(): Promise<QueueTestEnv> {
  const id = randomBytes(5).toString('hex');
  const schema = `t_q_${id}`;
  const prefix = `lwtest-${id}`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect(); // fails the test when Redis is missing
  await redis.quit();
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema });
  const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, LANDWATCH_DB_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL, LANDWATCH_QUEUE_PREFIX: prefix };
  Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, LANDWATCH_DB_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL, LANDWATCH_QUEUE_PREFIX: prefix });
  return {
    store,
    schema,
    prefix,
    env,
    async close() {
      const { rows } = await store.query<{ stmt: string }>("SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', $1::text) AS stmt", [schema]);
      await store.query(rows[0].stmt).catch(() => undefined);
      await store.close();
      const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
      const keys = await r.keys(`${prefix}:*`).catch(() => [] as string[]);
      if (keys.length > 0) await r.del(...keys).catch(() => undefined);
      await r.quit().catch(() => undefined);
    },
  };
}

/** Generates a small scene (deterministic from the seed) into dir. */
export function testScene(dir: string, size = 1024, seed = 11, extra: { originX?: number } = {}): Promise<SceneManifest> {
  return generateScene({ out: dir, width: size, seed, parallel: false, ...extra });
}

export interface SceneTestEnv extends QueueTestEnv {
  /** A temporary folder holding `scene`, removed by close(). */
  dir: string;
  scene: SceneManifest;
}

/** queueTestEnv with the small test scene (1024², seed 5) generated into a temporary folder. */
export async function sceneTestEnv(name: string): Promise<SceneTestEnv> {
  const env = await queueTestEnv();
  const dir = mkdtempSync(join(tmpdir(), `lw-${name}-`));
  try {
    const scene = await testScene(dir, 1024, 5);
    return {
      ...env,
      dir,
      scene,
      async close() {
        await env.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** A stage handler's context on `db` as an executor gives it: never aborted, progress ignored. */
export function stageContext(db: Db, extra: Partial<StageContext> = {}): StageContext {
  return { db, signal: new AbortController().signal, progress: () => undefined, ...extra };
}

/** Imports the scene's layers and creates a run over its tiles (unit windows of `window` px). */
export async function sceneRun(db: Db, dir: string, m: SceneManifest, o: { window?: number; before?: string[]; after?: string[]; importLayers?: boolean } = {}): Promise<string> {
  if (o.importLayers ?? true) {
    for (const kind of ['landuse', 'farmland', 'approved'] as const) await importLayer(db, { kind, file: join(dir, m.files[kind]) });
  }
  const params: RunParams = {
    before: o.before ?? [join(dir, m.files.before)],
    after: o.after ?? [join(dir, m.files.after)],
    region: m.XZQDM,
    regionName: m.XZQMC,
    qsx: m.QSX,
    hsx: m.HSX,
    detect: { windowSize: o.window ?? 256 },
    outDir: join(dir, 'out'),
  };
  return createRun(db, params);
}

/** Order-independent summary of a run's results: patches with verdicts, and which have a clue. */
export async function runDigest(db: Db, runId: string): Promise<string[]> {
  const { rows } = await db.query<{ line: string }>(
    `SELECT split_part(p.patch_key, ':', 2) || ' ' || coalesce(p.severity, '-') || ' ' || coalesce(p.rule, '-') || ' ' || round(p.area_m2::numeric, 1)
       || ' ' || (c.jcbh IS NOT NULL) AS line
     FROM patches p LEFT JOIN clues c ON c.patch_id = p.id WHERE p.run_id = $1 ORDER BY p.patch_key`,
    [runId],
  );
  return rows.map((r) => r.line);
}

/** Starts `landwatch worker` in a child process with the test's environment. */
export function spawnWorker(env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--quiet', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (b: Buffer) => {
    if (process.env.LANDWATCH_TEST_VERBOSE) process.stderr.write(b);
  });
  return child;
}

/** Resolves when the child exits (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** Processes started with this queue prefix in their environment (workers and their sandboxed children). */
export function processesWithPrefix(prefix: string): number[] {
  const needle = `LANDWATCH_QUEUE_PREFIX=${prefix}\0`;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (`${readFileSync(`/proc/${name}/environ`, 'latin1')}\0`.includes(needle)) pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

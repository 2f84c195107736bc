/**
 * Backends to run a store-backed test suite against, isolated per test file:
 * - 'postgres': real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) in a
 *   fresh random schema, dropped by close(). A missing server fails the suite (never skips).
 * - 'pglite': one embedded PGlite per test file, started from a copy of a template data directory
 *   cached under os.tmpdir() and keyed by the migrations' hash, so only the very first start pays the
 *   ≈15–20 s cold start of PGlite + PostGIS; later files start in ≈3–4 s.
 *
 * Usage:
 *   describe.each(testStores())('$name', (b) => {
 *     let db: Store;
 *     beforeAll(async () => { db = await b.open(); });
 *     afterAll(() => b.close());
 *   });
 * `LANDWATCH_TEST_BACKENDS=postgres` (or `pglite`) restricts the list.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from './db.ts';
import { migrationsHash } from './migrate.ts';
import { openStore, type OpenStoreOptions } from './open-store.ts';

export interface TestBackend {
  name: 'postgres' | 'pglite';
  /** Opens (once per file; later calls return the same store) the isolated store, migrated. */
  open(): Promise<Store>;
  /** The options `open()` used, to reopen the same database after close(keep=true). */
  readonly options: OpenStoreOptions;
  /** Closes the store; unless `keep`, drops the schema or deletes the data directory. */
  close(keep?: boolean): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function testStores(): TestBackend[] {
  const wanted = (process.env.LANDWATCH_TEST_BACKENDS ?? 'postgres,pglite').split(',').map((s) => s.trim());
  const out: TestBackend[] = [];
  if (wanted.includes('postgres')) out.push(postgresBackend());
  if (wanted.includes('pglite')) out.push(pgliteBackend());
  return out;
}

function postgresBackend(): TestBackend {
  const options: OpenStoreOptions = { databaseUrl: TEST_DATABASE_URL, schema: `t_${randomBytes(6).toString('hex')}` };
  let store: Promise<Store> | undefined;
  return {
    name: 'postgres',
    options,
    open: () => (store ??= openStore(options)),
    async close(keep = false) {
      if (!store) return;
      const s = await store.catch(() => undefined);
      store = undefined;
      if (!s) return;
      if (!keep) {
        const { rows } = await s.query<{ stmt: string }>("SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', $1::text) AS stmt", [options.schema]);
        await s.query(rows[0].stmt);
      }
      await s.close();
    },
  };
}

function pgliteBackend(): TestBackend {
  const options: OpenStoreOptions = {};
  let store: Promise<Store> | undefined;
  return {
    name: 'pglite',
    options,
    open: () =>
      (store ??= (async () => {
        const template = await pgliteTemplate();
        const dir = mkdtempSync(join(tmpdir(), 'landwatch-pglite-'));
        cpSync(template, dir, { recursive: true });
        options.dataDir = dir;
        return openStore(options);
      })()),
    async close(keep = false) {
      if (!store) return;
      const s = await store.catch(() => undefined);
      store = undefined;
      await s?.close();
      if (!keep && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated, closed PGlite data directory for the current migrations, built once per machine. A
 * lock directory makes concurrent test files wait for one builder instead of each paying the cold
 * start (≈1 GB each); a lock older than 10 minutes is taken as abandoned.
 */
async function pgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), `landwatch-pglite-template-${migrationsHash()}`);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(dir)) return dir;
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(dir)) return dir;
    const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
    const s = await openStore({ dataDir: building });
    await s.close();
    renameSync(building, dir);
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Opens the store every command and stage uses, and brings its schema up to date.
 * - `databaseUrl` given: a pg.Pool to that PostgreSQL (PostGIS is created if missing).
 * - otherwise: embedded PGlite + PostGIS persisted in `dataDir` (default ~/.landwatch/pgdata).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from './db.ts';
import { sql } from './load-sql.ts';
import { migrate } from './migrate.ts';
import { TransientError } from '../errors.ts';
import { idempotentDdl, pgStore } from './pg-store.ts';
import { startPglite } from './start-pglite.ts';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when set the embedded store is not used. Default: unset. */
  databaseUrl?: string;
  /** Data directory of the embedded store. Default: ~/.landwatch/pgdata. */
  dataDir?: string;
  /**
   * Schema for all tables (search_path `<schema>, public`), created if missing; PostGIS stays in
   * public. Letters, digits and `_` only. Default: public.
   */
  schema?: string;
  /** Apply pending migrations at open. Default: true. */
  migrate?: boolean;
  /** Pool size for real PostgreSQL. Default: 10. (The embedded store always uses 1.) */
  poolSize?: number;
}

export const DEFAULT_DATA_DIR = join(homedir(), '.landwatch', 'pgdata');

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const schema = opts.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${JSON.stringify(schema)}`);
  let store: Store;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    prepare(pool);
    store = pgStore({ pool, backend: 'postgres', schema });
  } else {
    const server = await startPglite(opts.dataDir ?? DEFAULT_DATA_DIR);
    prepare(server.pool);
    store = pgStore({ pool: server.pool, backend: 'pglite', schema, onClose: server.stop });
  }
  try {
    if (store.backend === 'postgres') await ensurePostgis(store);
    if (schema !== 'public') {
      const { rows } = await store.query<{ stmt: string }>(sql('store-create-schema-stmt'), [schema]);
      await idempotentDdl(store, async (t) => {
        await t.query(sql('store-setup-lock'));
        await t.query(rows[0].stmt);
      });
    }
    if (opts.migrate ?? true) await migrate(store);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function prepare(pool: pg.Pool): void {
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead
}

/** PostGIS in public; a one-line error naming the package when the server lacks it. */
async function ensurePostgis(store: Store): Promise<void> {
  try {
    await idempotentDdl(store, async (t) => {
      await t.query(sql('store-setup-lock'));
      await t.query('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    });
  } catch (err) {
    if (err instanceof TransientError) throw err;
    throw new Error(`PostGIS is not available on this PostgreSQL server (install postgresql-15-postgis-3): ${(err as Error).message}`, { cause: err });
  }
}

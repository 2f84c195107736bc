/**
 * A Store over a `pg.Pool`: the same code serves real PostgreSQL and PGlite behind its socket server.
 * Every connection gets `search_path = <schema>, public` before its first query, so tests can each
 * use their own schema while PostGIS stays in public. (Set per checked-out client rather than in the
 * pool's 'connect' event, which would race the first query.)
 */
import pg from 'pg';
import { TransientError } from '../errors.ts';
import type { Db, QueryResult, Store } from './db.ts';

/** SQLSTATE classes and socket errors that mean "the database is not reachable right now". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);

export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err.message);
}

/** Rethrows connection failures as TransientError('DB_UNAVAILABLE'); everything else unchanged. */
export function mapDbError(err: unknown): never {
  if (isUnavailable(err)) {
    throw new TransientError('DB_UNAVAILABLE', `database unavailable: ${(err as Error).message || (err as { code?: string }).code}`, { cause: err });
  }
  throw err;
}

type Queryable = pg.PoolClient;

async function run<Row>(q: Queryable, text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
  try {
    const r = await q.query(text, params as unknown[] | undefined);
    return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
  } catch (err) {
    return mapDbError(err);
  }
}

/** A Db bound to one client inside an open transaction; nested tx() calls use savepoints. */
function clientDb(client: pg.PoolClient, depth: number): Db {
  return {
    query: (text, params) => run(client, text, params),
    async tx(fn) {
      const sp = `sp${depth}`; // generated name, never user input
      await run(client, `SAVEPOINT ${sp}`);
      try {
        const out = await fn(clientDb(client, depth + 1));
        await run(client, `RELEASE SAVEPOINT ${sp}`);
        return out;
      } catch (err) {
        await run(client, `ROLLBACK TO SAVEPOINT ${sp}`).catch(() => undefined);
        throw err;
      }
    },
  };
}

export interface PgStoreOptions {
  pool: pg.Pool;
  /** Schema put first on every connection's search_path (then public). Default: public only. */
  schema?: string;
  backend: Store['backend'];
  /** Extra cleanup after the pool is closed (e.g. stopping the PGlite server). */
  onClose?: () => Promise<void>;
}

export function pgStore({ pool, backend, schema, onClose }: PgStoreOptions): Store {
  let closed = false;
  const ready = new WeakSet<pg.PoolClient>();
  /** A pooled client whose search_path is set (once per physical connection). */
  const acquire = async (): Promise<pg.PoolClient> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      return mapDbError(err);
    }
    if (schema && schema !== 'public' && !ready.has(client)) {
      try {
        await run(client, "SELECT set_config('search_path', quote_ident($1) || ', public', false)", [schema]);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      ready.add(client);
    }
    return client;
  };
  return {
    backend,
    async query(text, params) {
      const client = await acquire();
      let broken: Error | undefined;
      try {
        return await run(client, text, params);
      } catch (err) {
        if (err instanceof TransientError) broken = err;
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async tx(fn) {
      const client = await acquire();
      let broken: unknown;
      try {
        await run(client, 'BEGIN');
        const out = await fn(clientDb(client, 1));
        await run(client, 'COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e;
        });
        throw err;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await onClose?.();
    },
  };
}

const DUPLICATE_CODES = new Set(['23505', '42P06', '42P07', '42710']);

/**
 * Runs idempotent start-up DDL (`CREATE … IF NOT EXISTS`) in a transaction, once more if a
 * concurrent starter won the race. An advisory lock alone does not prevent the race: the waiting
 * transaction keeps its stale catalog cache and still fails with a duplicate-key error; a new
 * transaction sees the other's commit.
 */
export async function idempotentDdl(db: Db, fn: (db: Db) => Promise<void>): Promise<void> {
  try {
    await db.tx(fn);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !DUPLICATE_CODES.has(code)) throw err;
    await db.tx(fn);
  }
}

/**
 * The embedded backend: PGlite + PostGIS in this process, served on 127.0.0.1 (random port) over the
 * PostgreSQL wire protocol so that `pg` talks to it exactly as to a real server. The socket server
 * accepts one connection at a time, hence a pool of one.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TransientError } from '../errors.ts';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';

export interface EmbeddedServer {
  pool: pg.Pool;
  /** Stops the socket server and closes PGlite (flushing the data directory). */
  stop(): Promise<void>;
}

/** Starts PGlite on `dataDir` (created if missing): ≈12–20 s the first time, ≈3–4 s afterwards. */
export async function startPglite(dataDir: string): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer;
  try {
    // One options object: `new PGlite(undefined, opts)` silently drops the extensions.
    db = new PGlite({ dataDir, extensions: { postgis } });
    await db.waitReady;
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
  } catch (err) {
    await db?.close().catch(() => undefined);
    unlock();
    throw err;
  }
  const pglite = db;
  const port = Number(server.getServerConn().split(':').pop());
  const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1 });
  return {
    pool,
    async stop() {
      try {
        await server.stop();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * PGlite is single-process: two processes on one data directory would corrupt it. A lock file with
 * the owner's pid refuses a second starter while the owner is alive (a stale lock is taken over).
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'landwatch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid > 0 && alive(pid)) {
        throw new TransientError('DB_UNAVAILABLE', `the embedded store ${dataDir} is in use by process ${pid} (for parallel workers use PostgreSQL via DATABASE_URL)`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new TransientError('DB_UNAVAILABLE', `cannot lock the embedded store ${dataDir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

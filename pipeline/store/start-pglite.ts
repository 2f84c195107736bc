/**
 * The embedded backend: PGlite + PostGIS in this process, served on 127.0.0.1 (random port) over the
 * PostgreSQL wire protocol so that `pg` talks to it exactly as to a real server. The socket server
 * accepts one connection at a time, hence a pool of one.
 */
import { mkdirSync } from 'node:fs';
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
  // One options object: `new PGlite(undefined, opts)` silently drops the extensions.
  const db = new PGlite({ dataDir, extensions: { postgis } });
  await db.waitReady;
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1 });
  return {
    pool,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

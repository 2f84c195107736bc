/**
 * Versioned SQL migrations, applied at start. Files are migrations/NNNN_name.sql next to this
 * module (read through import.meta.url), the same for PGlite and PostgreSQL. Each migration runs in
 * its own transaction together with its ledger row; a transaction-scoped advisory lock per schema
 * makes concurrent starters wait for each other instead of both applying (model: graphile-worker's
 * migrate.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.ts';
import { sql } from './load-sql.ts';
import { idempotentDdl } from './pg-store.ts';

export interface Migration {
  /** The number in the file name, e.g. 1 for 0001_core.sql. */
  id: number;
  /** The file name without number and extension, e.g. 'core'. */
  name: string;
  text: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

let cached: Migration[] | undefined;

/** All migration files, sorted by id. Throws if two files share a number. */
export function listMigrations(): Migration[] {
  if (cached) return cached;
  const out: Migration[] = [];
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    const m = FILE_RE.exec(file);
    if (!m) continue;
    const id = Number(m[1]);
    if (out.some((x) => x.id === id)) throw new Error(`two migrations numbered ${m[1]}`);
    out.push({ id, name: m[2], text: readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8') });
  }
  cached = out;
  return out;
}

/** A hash of every migration's number, name and text: changes whenever the schema would. */
export function migrationsHash(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(`${m.id}\0${m.name}\0${m.text}\0`);
  return h.digest('hex').slice(0, 16);
}

/**
 * Applies the migrations missing from the ledger `migrations(id, name, applied_at)` in the current
 * search_path's first schema. Returns the ids applied now (empty when up to date).
 */
export async function migrate(db: Db): Promise<number[]> {
  await idempotentDdl(db, async (t) => {
    await t.query(sql('migrate-lock'));
    await t.query(sql('migrate-create-ledger'));
  });
  const applied: number[] = [];
  for (const m of listMigrations()) {
    const done = await db.tx(async (t) => {
      await t.query(sql('migrate-lock'));
      const seen = await t.query(sql('migrate-is-applied'), [m.id]);
      if (seen.rowCount > 0) return false;
      await t.query(m.text);
      await t.query(sql('migrate-record'), [m.id, m.name]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}

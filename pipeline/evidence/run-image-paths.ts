/** The before/after image paths of a run from its catalogue (the first of each role), or null. */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';

export async function runImagePaths(db: Db, runId: string): Promise<{ before: string; after: string } | null> {
  const { rows } = await db.query<{ role: string; path: string }>(sql('export-run-images'), [runId]);
  const before = rows.find((r) => r.role === 'before')?.path;
  const after = rows.find((r) => r.role === 'after')?.path;
  return before && after ? { before, after } : null;
}

/**
 * The outbox's write side. Call inside the transaction that creates or changes clues, so a record
 * is queued if and only if its change commits (transactional outbox).
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';

/**
 * Queues the current (validated) record of every clue of `runId` — or only of `jcbhs` — at its
 * current version. Versions already queued are skipped; returns how many rows were queued now.
 */
export async function enqueueClueRecords(db: Db, runId: string | null, jcbhs?: string[]): Promise<number> {
  const records = await loadClueRecords(db, { runId: runId ?? undefined, jcbhs });
  if (records.length === 0) return 0;
  const { rowCount } = await db.query(sql('outbox-enqueue'), [
    records.map((r) => r.JCBH),
    records.map((r) => r.VERSION),
    records.map((r) => JSON.stringify(r)),
  ]);
  return rowCount;
}

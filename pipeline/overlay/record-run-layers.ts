/**
 * Records which layer versions a run uses (run_layers): the current version of every layer kind the
 * run has not recorded yet. A run keeps the versions it was first overlaid with, so re-processing it
 * after a layer re-import gives the same overlay; idempotent.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';

/** Returns the ids of the layers added to the run's record (empty when nothing changed). */
export async function recordRunLayers(db: Db, runId: string): Promise<number[]> {
  const { rows } = await db.query<{ layer_id: string }>(sql('overlay-record-run-layers'), [runId]);
  return rows.map((r) => Number(r.layer_id));
}

/**
 * Starts a new attempt at a run: failed stages become pending again, a failed run running, and
 * the generation goes up (queue jobs of earlier generations can no longer collide). A finished run
 * is left as it is. Returns the new generation.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { STAGE_NAMES } from './run-params.ts';

export async function reopenRun(db: Db, runId: string): Promise<number> {
  return db.tx(async (t) => {
    await t.query(sql('runs-insert-stages'), [runId, [...STAGE_NAMES]]); // stages added since the run was created
    await t.query(sql('runs-reset-failed-stages'), [runId]);
    const { rows } = await t.query<{ generation: number }>(sql('runs-next-generation'), [runId]);
    return rows[0].generation;
  });
}

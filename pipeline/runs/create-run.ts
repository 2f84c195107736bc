/** Creates a run: its row, its parameters and one progress row per stage. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { STAGE_NAMES, type RunParams } from './run-params.ts';

/** A sortable, unique run id: 'r' + UTC timestamp + 6 random hex digits, e.g. r20261126T234501-3fa9c1. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `r${stamp}-${randomBytes(3).toString('hex')}`;
}

export async function createRun(db: Db, params: RunParams, runId = newRunId()): Promise<string> {
  await db.tx(async (t) => {
    await t.query(sql('runs-insert'), [runId, params.region ?? null, JSON.stringify(params)]);
    await t.query(sql('runs-insert-stages'), [runId, [...STAGE_NAMES]]);
  });
  return runId;
}

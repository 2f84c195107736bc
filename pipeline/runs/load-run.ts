/** Reads a run's row; a missing run is an InputError (a person typed its id). */
import { InputError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { RunParams } from './run-params.ts';

export type RunState = 'pending' | 'running' | 'finished' | 'failed';

export interface RunRow {
  id: string;
  status: RunState;
  region: string | null;
  params: RunParams;
  created_at: Date;
  finished_at: Date | null;
  generation: number;
  error: string | null;
}

export async function loadRun(db: Db, runId: string): Promise<RunRow> {
  const { rows } = await db.query<RunRow>(sql('runs-get'), [runId]);
  if (rows.length === 0) throw new InputError('RUN_NOT_FOUND', `run ${runId} not found`);
  return rows[0];
}

/**
 * Per-stage bookkeeping in run_stages, shared by both executors, so `landwatch status` reads the
 * same table whichever executor ran the stage. Done stages never go back to running: a duplicate
 * delivery of a finished job does not regress the display.
 */
import { oneLine } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { StageName } from './run-params.ts';

export async function stageStarted(db: Db, runId: string, stage: StageName): Promise<void> {
  await db.query(sql('runs-mark-running'), [runId]);
  await db.query(sql('stages-start'), [runId, stage]);
}

export async function stageProgress(db: Db, runId: string, stage: StageName, done: number, total: number): Promise<void> {
  await db.query(sql('stages-progress'), [runId, stage, done, total]);
}

export async function stageDone(db: Db, runId: string, stage: StageName): Promise<void> {
  await db.query(sql('stages-done'), [runId, stage]);
}

/** Records an error; when `final`, the stage and the run are failed. */
export async function stageError(db: Db, runId: string, stage: StageName, err: unknown, final: boolean): Promise<void> {
  const message = oneLine(err);
  await db.query(sql('stages-error'), [runId, stage, message, final]);
  if (final) await db.query(sql('runs-set-status'), [runId, 'failed', `${stage}: ${message}`]);
}

export async function runFinished(db: Db, runId: string): Promise<void> {
  await db.query(sql('runs-set-status'), [runId, 'finished', null]);
}

/** Records an input that could not be used without failing the run (e.g. a corrupt tile). */
export async function recordProblem(db: Db, runId: string, stage: StageName, subject: string, err: unknown): Promise<void> {
  const code = (err as { code?: unknown })?.code;
  await db.query(sql('stages-problem'), [runId, stage, subject, typeof code === 'string' ? code : null, oneLine(err)]);
}

export async function clearProblem(db: Db, runId: string, stage: StageName, subject: string): Promise<void> {
  await db.query(sql('stages-problem-clear'), [runId, stage, subject]);
}

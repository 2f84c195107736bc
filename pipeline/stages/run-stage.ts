/**
 * Calls a stage handler with the run's bookkeeping around it: stage running → done, progress
 * written to run_stages (at most once a second), the run finished after its last queue stage.
 * Failures are recorded by the executor through recordFailure, because only it knows whether
 * another attempt will follow.
 */
import type { EvidenceBatchInput, RunInput, StageName, UnitBatchInput } from '../runs/run-params.ts';
import { recordProblem, runFinished, stageDone, stageError, stageProgress, stageStarted } from '../runs/stage-status.ts';
import type { Progress, StageContext } from '../types.ts';
import { oneLine } from '../errors.ts';
import { sql } from '../store/load-sql.ts';
import { cutOnePair, settleCut, uncutPairs, type CutPairInput } from './cut.ts';
import { detectStage, pendingUnitBatches, recordUnitError, UnitsFailedError } from './detect.ts';
import { evidenceBatchStage, evidenceBatchSubject, type EvidenceBatchOutput } from './evidence.ts';
import { exportStage, type ExportInput, type ExportOutput } from './export.ts';
import { RUN_STAGES, type RunStageName } from './index.ts';

/** The stage after which a run counts as finished (export runs where the run was started). */
export const LAST_QUEUE_STAGE: RunStageName = 'evidence';

export async function runStage(name: RunStageName, input: RunInput, ctx: StageContext): Promise<unknown> {
  const def = RUN_STAGES[name];
  await stageStarted(ctx.db, input.runId, name);
  const out = await def.handler(input, { ...ctx, progress: persistProgress(ctx, input.runId, name) });
  await stageDone(ctx.db, input.runId, name);
  if (name === LAST_QUEUE_STAGE) await runFinished(ctx.db, input.runId);
  return out;
}

/**
 * A queue executor's cut: starts the stage and returns the pairs still to cut (a job each, runCutPair)
 * and the pending units of pairs cut already; with no pair left to cut, the stage settles here.
 */
export async function startCut(input: RunInput, ctx: StageContext): Promise<{ pairIds: string[]; unitBatches: string[][] }> {
  await stageStarted(ctx.db, input.runId, 'cut');
  const pairIds = await uncutPairs(ctx.db, input.runId);
  const unitBatches = await pendingUnitBatches(ctx.db, input.runId);
  if (pairIds.length === 0) await settleCut(ctx.db, input.runId);
  return { pairIds, unitBatches };
}

export async function runCutPair(input: CutPairInput, ctx: StageContext): Promise<unknown> {
  return cutOnePair(input, ctx);
}

export async function runUnitBatch(input: UnitBatchInput, ctx: StageContext): Promise<unknown> {
  return detectStage.handler(input, ctx);
}

export async function runEvidenceBatch(input: EvidenceBatchInput, ctx: StageContext): Promise<EvidenceBatchOutput> {
  await stageStarted(ctx.db, input.runId, 'evidence');
  return evidenceBatchStage.handler(input, ctx);
}

/**
 * Records a failed attempt; `final` = no attempt follows: a unit is then failed (each unit of a
 * UnitsFailedError with its own error; every pending unit of the batch for any other error), an
 * evidence batch a problem of the run (its clues go without pictures), any other stage fails the run.
 */
export async function recordFailure(ctx: Pick<StageContext, 'db'>, stage: StageName, input: RunInput | UnitBatchInput | EvidenceBatchInput, err: unknown, final: boolean): Promise<void> {
  if ('unitIds' in input) {
    const failures = err instanceof UnitsFailedError ? err.failures : input.unitIds.map((unitId) => ({ unitId, err }));
    for (const f of failures) await recordUnitError(ctx.db, input.runId, f.unitId, f.err, final);
  } else if ('from' in input) await (final ? recordProblem(ctx.db, input.runId, 'evidence', evidenceBatchSubject(input), err) : stageError(ctx.db, input.runId, 'evidence', err, false));
  else await stageError(ctx.db, input.runId, stage, err, final);
}

function persistProgress(ctx: StageContext, runId: string, stage: StageName): (p: Progress) => void {
  let last = 0;
  return (p) => {
    ctx.progress(p);
    const now = Date.now();
    if (now - last < 1000 && p.done < p.total) return;
    last = now;
    stageProgress(ctx.db, runId, stage, p.done, p.total).catch(() => undefined);
  };
}

/** Export with its bookkeeping; runs where the run was started (it writes files there). */
export async function runExport(input: ExportInput, ctx: StageContext): Promise<ExportOutput> {
  await stageStarted(ctx.db, input.runId, 'export');
  try {
    const out = await exportStage.handler(input, ctx);
    await stageDone(ctx.db, input.runId, 'export');
    return out;
  } catch (err) {
    await ctx.db.query(sql('stages-error'), [input.runId, 'export', oneLine(err), true]).catch(() => undefined);
    throw err;
  }
}

/**
 * Stage 3: cut work units. Per pair: aligns the two tiles on one grid, fits the scene model on
 * sample windows, and cuts the grid into windows with a halo. A pair that cannot be opened is a
 * run problem, not a run failure. The units still to detect go, as batch jobs, to ctx.unitsReady
 * (when given) pair by pair as each is cut. A queue executor cuts each pair as a job of its own
 * instead (uncutPairs, cutOnePair): the fits spread over the workers, and a run's first pairs are
 * detected while the next are fitted; the last pair settles the stage (settleCut).
 */
import { resolveDetectOptions, type ResolvedDetectOptions } from '../detect/detect-options.ts';
import { fitPairModel } from '../detect/fit-pair-model.ts';
import { planUnits } from '../detect/plan-units.ts';
import { InputError } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { RunInput } from '../runs/run-params.ts';
import { clearProblem, recordProblem, stageDone, stageProgress } from '../runs/stage-status.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { StageContext, StageDef, StageHandler } from '../types.ts';
import { cachedPair, pairMasks } from './pair-cache.ts';
import { pendingUnitBatches } from './detect.ts';

export interface CutOutput {
  pairs: number;
  /** Pairs cut (now or by an earlier attempt); the others are problems of the run. */
  usable: number;
}

/** Unit ids sort in scan order within a pair: '<pair>.<index, 5 digits>'. No ':' (BullMQ job ids). */
export function unitId(pairId: string, index: number): string {
  return `${pairId}.${String(index).padStart(5, '0')}`;
}

interface PairRow {
  pair_id: string;
  before_path: string;
  after_path: string;
  before_mask: string | null;
  after_mask: string | null;
  model: SceneModel | null;
}

/** How a pair that cannot be used is named among the run's problems. */
function problemSubject(p: PairRow): string {
  return `${p.pair_id} (${p.before_path} × ${p.after_path})`;
}

async function cutPlan(db: Db, runId: string): Promise<{ opts: ResolvedDetectOptions; pairs: PairRow[] }> {
  const { params } = await loadRun(db, runId);
  return { opts: resolveDetectOptions(params.detect), pairs: (await db.query<PairRow>(sql('stages-pairs'), [runId])).rows };
}

/**
 * Cuts one pair, unless an earlier attempt did (a pair's model and units are stored together), and
 * hands its pending units to ctx.unitsReady. False when the pair cannot be used (a problem of the run).
 */
async function cutPair(runId: string, p: PairRow, opts: ResolvedDetectOptions, ctx: StageContext): Promise<boolean> {
  if (p.model === null) {
    try {
      const pair = await cachedPair(p.before_path, p.after_path, pairMasks(p.before_mask, p.after_mask), opts.bands);
      const model = await fitPairModel(pair, opts, ctx.signal);
      const wins = planUnits(pair.grid, model, opts);
      const units = wins.map((win, k) => ({ unit_id: unitId(p.pair_id, k), win }));
      await ctx.db.tx(async (t) => {
        await t.query(sql('stages-cut-pair'), [runId, p.pair_id, JSON.stringify(pair.grid), JSON.stringify(model)]);
        await t.query(sql('stages-cut-units'), [runId, p.pair_id, JSON.stringify(units)]);
      });
      await clearProblem(ctx.db, runId, 'cut', problemSubject(p));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      await recordProblem(ctx.db, runId, 'cut', problemSubject(p), err);
      return false;
    }
  }
  if (ctx.unitsReady) await ctx.unitsReady(await pendingUnitBatches(ctx.db, runId, p.pair_id));
  return true;
}

function noPair(total: number): InputError {
  return new InputError('NO_OVERLAP', `none of the ${total} tile pairs could be opened (see landwatch status)`);
}

export const cut: StageHandler<RunInput, CutOutput> = async ({ runId }, ctx) => {
  const { opts, pairs } = await cutPlan(ctx.db, runId);
  let usable = 0;
  for (const [i, p] of pairs.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ done: i, total: pairs.length, label: `cut ${i}/${pairs.length} pairs` });
    if (await cutPair(runId, p, opts, ctx)) usable++;
  }
  if (usable === 0) throw noPair(pairs.length);
  await ctx.db.query(sql('stages-detect-progress'), [runId]);
  ctx.progress({ done: pairs.length, total: pairs.length });
  return { pairs: pairs.length, usable };
};

/** The run's pairs not cut yet, for a queue executor to cut one job each (cutOnePair). */
export async function uncutPairs(db: Db, runId: string): Promise<string[]> {
  return (await cutPlan(db, runId)).pairs.filter((p) => p.model === null).map((p) => p.pair_id);
}

/** Job input of one pair's cut (queue executors). */
export interface CutPairInput {
  runId: string;
  pairId: string;
}

/** One pair's cut as a job of its own, then settleCut. */
export const cutOnePair: StageHandler<CutPairInput, { usable: boolean }> = async ({ runId, pairId }, ctx) => {
  const { opts, pairs } = await cutPlan(ctx.db, runId);
  const p = pairs.find((x) => x.pair_id === pairId);
  if (!p) throw new InputError('RUN_NOT_FOUND', `pair ${pairId} of run ${runId} not found`);
  const usable = await cutPair(runId, p, opts, ctx);
  await settleCut(ctx.db, runId);
  return { usable };
};

/**
 * The cut stage's progress from its pairs; once every pair is cut or a problem, the stage is done
 * (and the detect stage may be), or, when no pair could be used, the run fails (NO_OVERLAP).
 */
export async function settleCut(db: Db, runId: string): Promise<void> {
  const { total, cut: done, failed } = (await db.query<{ total: number; cut: number; failed: number }>(sql('stages-cut-settled'), [runId])).rows[0];
  await stageProgress(db, runId, 'cut', done + failed, total);
  if (done + failed < total) return;
  if (done === 0) throw noPair(total);
  await stageDone(db, runId, 'cut');
  await db.query(sql('stages-detect-progress'), [runId]);
}

export const cutStage = {
  name: 'cut',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 600_000,
  handler: cut,
} as const satisfies StageDef<RunInput, CutOutput>;

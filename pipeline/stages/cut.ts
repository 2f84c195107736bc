/**
 * Stage 3: cut work units. Per pair: aligns the two tiles on one grid, fits the scene model on
 * sample windows, and cuts the grid into windows with a halo. A pair that cannot be opened is a
 * run problem, not a run failure. The units still to detect go, as batch jobs, to ctx.unitsReady
 * pair by pair as each is cut (a queue executor detects a run's first pairs while the next are
 * fitted), or are returned at the end.
 */
import { resolveDetectOptions } from '../detect/detect-options.ts';
import { fitPairModel } from '../detect/fit-pair-model.ts';
import { planUnits } from '../detect/plan-units.ts';
import { InputError } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { RunInput } from '../runs/run-params.ts';
import { clearProblem, recordProblem } from '../runs/stage-status.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';
import { cachedPair, pairMasks } from './pair-cache.ts';
import { pendingUnitBatches } from './detect.ts';

export interface CutOutput {
  /** Units not yet detected, as batch jobs (pendingUnitBatches); none when they went to ctx.unitsReady. */
  unitBatches: string[][];
}

/** Unit ids sort in scan order within a pair: '<pair>.<index, 5 digits>'. No ':' (BullMQ job ids). */
export function unitId(pairId: string, index: number): string {
  return `${pairId}.${String(index).padStart(5, '0')}`;
}

export const cut: StageHandler<RunInput, CutOutput> = async ({ runId }, ctx) => {
  const { params } = await loadRun(ctx.db, runId);
  const opts = resolveDetectOptions(params.detect);
  type PairRow = { pair_id: string; before_path: string; after_path: string; before_mask: string | null; after_mask: string | null; model: SceneModel | null };
  const pairs = (await ctx.db.query<PairRow>(sql('stages-pairs'), [runId])).rows;
  let usable = 0;
  for (const [i, p] of pairs.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ done: i, total: pairs.length, label: `cut ${i}/${pairs.length} pairs` });
    // A pair cut by an earlier attempt keeps its model and units (stored together).
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
        await clearProblem(ctx.db, runId, 'cut', p.pair_id);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        await recordProblem(ctx.db, runId, 'cut', `${p.pair_id} (${p.before_path} × ${p.after_path})`, err);
        continue;
      }
    }
    usable++;
    if (ctx.unitsReady) await ctx.unitsReady(await pendingUnitBatches(ctx.db, runId, p.pair_id));
  }
  if (usable === 0) throw new InputError('NO_OVERLAP', `none of the ${pairs.length} tile pairs could be opened (see landwatch status)`);
  await ctx.db.query(sql('stages-detect-progress'), [runId]);
  ctx.progress({ done: pairs.length, total: pairs.length });
  return { unitBatches: ctx.unitsReady ? [] : await pendingUnitBatches(ctx.db, runId) };
};

export const cutStage = {
  name: 'cut',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 600_000,
  handler: cut,
} as const satisfies StageDef<RunInput, CutOutput>;

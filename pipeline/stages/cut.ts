/**
 * Stage 3: cut work units. Per pair: aligns the two tiles on one grid, gives it the scene model of
 * its imagery (fitted once per run on sample windows of all the pairs sharing it, with the pair's
 * own misregistration) and cuts the grid into windows with a halo. A pair that cannot be opened is a
 * run problem, not a run failure. The units still to detect go, as batch jobs, to ctx.unitsReady
 * (when given) pair by pair as each is cut. A queue executor cuts each pair as a job of its own
 * instead (uncutPairs, cutOnePair): the first job of an imagery fits its model while the others
 * wait for it, then each job reads its own pair's sample windows for its shift and for how well the
 * imagery's model fits it (a pair it does not fit, another acquisition, fits its own), and a run's
 * first pairs are detected while the next are cut; the last pair settles the stage (settleCut).
 */
import { resolveDetectOptions, type ResolvedDetectOptions } from '../detect/detect-options.ts';
import { fitPairModel, withShift } from '../detect/fit-pair-model.ts';
import { fitSharedModel } from '../detect/fit-shared-model.ts';
import { pairLook } from '../detect/pair-look.ts';
import { groupBy } from '../group-by.ts';
import { correctedShift } from '../detect/coregister.ts';
import { planUnits } from '../detect/plan-units.ts';
import { InputError } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { Grid } from '../../geo/types.ts';
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
  before_acquired: string | null;
  after_acquired: string | null;
  before_bands: number;
  after_bands: number;
  before_meta: TileMeta;
  after_meta: TileMeta;
  model: SceneModel | null;
}

/** What the catalogue keeps of a tile's header (describeTile), as far as the cut reads it. */
interface TileMeta {
  grid: Grid;
  bandDescriptions?: Array<string | null>;
}

/**
 * The imagery a pair shares a scene model with: same acquisition dates (when the file names carry
 * them), bands, CRS and pixel size (the later tile's grid, which the pair's grid takes), the marks
 * of tiles cut from one pair of scenes. Pairs of a run that mix acquisitions or sensors get a model
 * each kind.
 */
function imageryKey(p: PairRow): string {
  const m = (meta: TileMeta, bands: number) => [bands, meta.bandDescriptions ?? null];
  const { crs, resX, resY } = p.after_meta.grid;
  return JSON.stringify([p.before_acquired, p.after_acquired, m(p.before_meta, p.before_bands), m(p.after_meta, p.after_bands), crs, resX, resY]);
}

/**
 * Largest misfit (pairLook: noise units, any band) of a pair's sample pixels under its imagery's
 * shared model for the pair to use that model. Tiles of one scene measure at most 0.37 (the test
 * scene's two halves), 0.49 (the 8192² scene in 64 strips), 0.38 (the 16384² scene in 16), 0.70 in
 * the near-infrared of a 12-px strip. A half of the test scene with 60, 75, 85 or 90 % of its later
 * date 30 % brighter (a large site of change) measures 0.66, 0.87, 1.2, 1.9; that half 30 % brighter
 * throughout (another acquisition) 4.2, while the other half stays at 0.23: the shared fit keeps to
 * the pixels that agree. Change over more than about nine tenths of a tile's samples reads as
 * another acquisition.
 */
const MAX_MISFIT = 2;

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
 * hands its pending units to ctx.unitsReady. `kin` are the run's pairs of the same imagery (the pair
 * among them). False when the pair cannot be used (a problem of the run).
 */
async function cutPair(runId: string, p: PairRow, kin: PairRow[], opts: ResolvedDetectOptions, ctx: StageContext): Promise<boolean> {
  if (p.model === null) {
    try {
      // Opened first, so that a pair that cannot be opened fails with its own error.
      let pair = await openRow(p, opts);
      let model: SceneModel;
      let shared = false;
      if (kin.length === 1) model = await fitPairModel(pair, opts, ctx.signal);
      else {
        const imagery = await sharedModel(ctx.db, runId, kin, opts, ctx.signal);
        pair = await openRow(p, opts); // the fit may have closed it (pair cache)
        const look = await pairLook(pair, imagery, opts, ctx.signal);
        // Undated tiles of one band layout and pixel size may still be several acquisitions: a
        // pair the shared normalisation does not fit gets a model of its own (a misfit of NaN, too
        // few valid sample pixels, shows nothing against the shared one).
        if (look.misfit.some((v) => v > MAX_MISFIT)) model = await fitPairModel(pair, opts, ctx.signal);
        else {
          // The pair's own misregistration, or the imagery's where too few of its windows vote.
          model = look.shift === null ? imagery : withShift(imagery, correctedShift(look.shift));
          shared = true;
        }
      }
      const wins = planUnits(pair.grid, model, opts);
      const units = wins.map((win, k) => ({ unit_id: unitId(p.pair_id, k), win }));
      await ctx.db.tx(async (t) => {
        await t.query(sql('stages-cut-pair'), [runId, p.pair_id, JSON.stringify(pair.grid), JSON.stringify(model), shared]);
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

function openRow(p: PairRow, opts: ResolvedDetectOptions) {
  return cachedPair(p.before_path, p.after_path, pairMasks(p.before_mask, p.after_mask), opts.bands);
}

/**
 * The scene model `kin` share, fitted by the first of their cuts (fitSharedModel) and stored for the
 * others: cuts running at once on several workers wait for that fit rather than repeat it (the
 * transaction and its lock are held for the fit, a second or two). Its shift is the imagery's,
 * estimated on the shared samples.
 */
async function sharedModel(db: Db, runId: string, kin: PairRow[], opts: ResolvedDetectOptions, signal: AbortSignal): Promise<SceneModel> {
  const key = imageryKey(kin[0]);
  return db.tx(async (t) => {
    await t.query(sql('stages-shared-model-lock'), [runId, key]);
    const stored = (await t.query<{ model: SceneModel }>(sql('stages-shared-model'), [runId, key])).rows[0];
    if (stored) return stored.model;
    const parts = kin.map((row) => ({ grid: row.after_meta.grid, open: () => openRow(row, opts) }));
    const model = await fitSharedModel(parts, opts, signal);
    await t.query(sql('stages-shared-model-insert'), [runId, key, JSON.stringify(model)]);
    return model;
  });
}

/** The run's pairs grouped by imagery (imageryKey). */
function kinOf(pairs: PairRow[]): (p: PairRow) => PairRow[] {
  const groups = groupBy(pairs, imageryKey);
  return (p) => groups.get(imageryKey(p))!;
}

function noPair(total: number): InputError {
  return new InputError('NO_OVERLAP', `none of the ${total} tile pairs could be opened (see landwatch status)`);
}

export const cut: StageHandler<RunInput, CutOutput> = async ({ runId }, ctx) => {
  const { opts, pairs } = await cutPlan(ctx.db, runId);
  const kin = kinOf(pairs);
  let usable = 0;
  for (const [i, p] of pairs.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ done: i, total: pairs.length, label: `cut ${i}/${pairs.length} pairs` });
    if (await cutPair(runId, p, kin(p), opts, ctx)) usable++;
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
  const usable = await cutPair(runId, p, kinOf(pairs)(p), opts, ctx);
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

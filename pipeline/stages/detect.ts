/**
 * Stage 4: detect a batch of neighbouring work units (unitBatches). Per unit: loads it (window,
 * pair paths, scene model), detects, and stores its pieces, its picture (for the overview map) and
 * its 'done' mark in one statement. A unit already done (or failed for good) is skipped, so a
 * duplicate delivery costs nothing and changes nothing, and a retried batch redoes only its units
 * that failed. A unit with bad input fails for good at once and the batch goes on; any other
 * failure is retried, after the batch's other units (UnitsFailedError).
 */
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { pictureCell } from '../../geo/raster/cell-sums.ts';
import { metresPerDegree } from '../../geo/raster/pixel-size-m.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { HaloWindow } from '../../geo/types.ts';
import { detectUnit, type UnitResult } from '../detect/detect-unit.ts';
import { unitBatches } from '../detect/unit-batches.ts';
import { InputError, oneLine } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { UnitBatchInput } from '../runs/run-params.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';
import { cachedPair, pairMasks } from './pair-cache.ts';

export interface UnitTask {
  unitId: string;
  pairId: string;
  win: HaloWindow;
  status: 'pending' | 'done' | 'failed';
  beforePath: string;
  afterPath: string;
  /** Cloud masks by path, as catalogued (job data never carries pixels). */
  masks: PairMasks;
  bands?: string;
  model: SceneModel;
  /** Cell size in pixels of the unit's picture (UnitResult): the same ground size across the run (none: no picture). */
  pictureCell?: number;
}

/** Units of a run with what detecting them needs, in the order given; any id unknown is an error. */
export async function loadUnitTasks(db: Db, runId: string, unitIds: readonly string[]): Promise<UnitTask[]> {
  const { rows } = await db.query<{
    unit_id: string; pair_id: string; win: HaloWindow; status: UnitTask['status']; before_path: string; after_path: string;
    before_mask: string | null; after_mask: string | null; model: SceneModel;
  }>(sql('stages-units'), [runId, unitIds]);
  const byId = new Map(rows.map((r) => [r.unit_id, r]));
  const missing = unitIds.find((id) => !byId.has(id));
  if (missing !== undefined) throw new InputError('RUN_NOT_FOUND', `unit ${missing} of run ${runId} not found`);
  const { params } = await loadRun(db, runId);
  const extentM = await runExtentM(db, runId);
  return unitIds.map((id) => byId.get(id)!).map((r) => ({
    unitId: r.unit_id, pairId: r.pair_id, win: r.win, status: r.status, beforePath: r.before_path, afterPath: r.after_path,
    masks: pairMasks(r.before_mask, r.after_mask), bands: params.detect.bands, model: r.model,
    ...(extentM === undefined ? {} : { pictureCell: pictureCell(extentM, r.model.pixelSizeM) }),
  }));
}

/** The longer side in metres of the extent of a run's images (undefined with none). */
async function runExtentM(db: Db, runId: string): Promise<number | undefined> {
  const [e] = (await db.query<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(sql('runs-image-extent'), [runId])).rows;
  if (!e || e.xmin === null) return undefined;
  const m = metresPerDegree((e.ymin + e.ymax) / 2);
  return Math.max((e.xmax - e.xmin) * m.lon, (e.ymax - e.ymin) * m.lat);
}

/** What a unit's detection records: its pieces and its coarse picture (see UnitResult). */
export type UnitOutput = Pick<UnitResult, 'pieces' | 'picture'>;

/** The pixel work of a unit, without the database (runs inline, in a sandboxed process or a thread). */
export async function computeUnit(task: UnitTask, signal?: AbortSignal): Promise<UnitOutput> {
  const pair = await cachedPair(task.beforePath, task.afterPath, task.masks, task.bands);
  const { pieces, picture } = await detectUnit(pair, task.win, task.model, signal, task.pictureCell);
  return { pieces, picture };
}

export async function saveUnitPieces(db: Db, runId: string, unitId: string, { pieces, picture }: UnitOutput): Promise<void> {
  const cells = picture && { cell: picture.cell, x0: picture.x0, y0: picture.y0, nx: picture.nx, ny: picture.ny };
  const bytes = picture && Buffer.from(picture.sums.buffer, picture.sums.byteOffset, picture.sums.byteLength);
  await db.query(sql('stages-unit-save'), [runId, unitId, JSON.stringify(pieces), cells && JSON.stringify(cells), bytes]);
  await db.query(sql('stages-detect-progress'), [runId]);
}

/** Records a failed attempt; `final` marks the unit failed, and the run goes on without it. */
export async function recordUnitError(db: Db, runId: string, unitId: string, err: unknown, final: boolean): Promise<void> {
  await db.query(sql('stages-unit-error'), [runId, unitId, oneLine(err), final]);
  if (final) await db.query(sql('stages-detect-progress'), [runId]);
}

/** The run's units (or one pair's) still to detect, as batch jobs (unitBatches). */
export async function pendingUnitBatches(db: Db, runId: string, pairId: string | null = null): Promise<string[][]> {
  const { rows } = await db.query<{ unit_id: string; pair_id: string; win: HaloWindow }>(sql('runs-pending-units'), [runId, pairId]);
  return unitBatches(rows.map((r) => ({ unitId: r.unit_id, pairId: r.pair_id, win: r.win })));
}

/** Units of a batch that failed with something worth retrying; the batch's other units are detected. */
export class UnitsFailedError extends Error {
  override readonly name = 'UnitsFailedError';
  constructor(readonly failures: { unitId: string; err: unknown }[]) {
    super(`${failures.length} unit(s) failed, first ${failures[0].unitId}: ${oneLine(failures[0].err)}`, { cause: failures[0].err });
  }
}

export interface DetectOutput {
  pieces: number;
  /** Units found done or failed already. */
  skipped: number;
}

export const detect: StageHandler<UnitBatchInput, DetectOutput> = async ({ runId, unitIds }, ctx) => {
  const out: DetectOutput = { pieces: 0, skipped: 0 };
  const failures: UnitsFailedError['failures'] = [];
  // Loaded up front: a unit another worker finishes meanwhile is saved again, with the same pieces.
  for (const task of await loadUnitTasks(ctx.db, runId, unitIds)) {
    ctx.signal.throwIfAborted();
    const { unitId } = task;
    if (task.status !== 'pending') {
      out.skipped++;
      continue;
    }
    try {
      const result = await computeUnit(task, ctx.signal);
      await saveUnitPieces(ctx.db, runId, unitId, result);
      out.pieces += result.pieces.length;
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      if (err instanceof InputError) await recordUnitError(ctx.db, runId, unitId, err, true);
      else failures.push({ unitId, err });
    }
  }
  if (failures.length > 0) throw new UnitsFailedError(failures);
  return out;
};

export const detectStage = {
  name: 'detect',
  attempts: 4,
  backoffMs: 1000,
  timeoutMs: 300_000,
  handler: detect,
} as const satisfies StageDef<UnitBatchInput, DetectOutput>;

/**
 * Stage 4: detect one work unit. Loads the unit (window, pair paths, scene model), detects, and
 * stores the unit's pieces and its 'done' mark in one statement. A unit already done is skipped,
 * so a duplicate delivery costs nothing and changes nothing.
 */
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { HaloWindow } from '../../geo/types.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import { detectUnit } from '../detect/detect-unit.ts';
import { InputError, oneLine } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { UnitInput } from '../runs/run-params.ts';
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
}

export async function loadUnitTask(db: Db, runId: string, unitId: string): Promise<UnitTask> {
  const { rows } = await db.query<{
    unit_id: string; pair_id: string; win: HaloWindow; status: UnitTask['status']; before_path: string; after_path: string;
    before_mask: string | null; after_mask: string | null; model: SceneModel;
  }>(
    sql('stages-unit'),
    [runId, unitId],
  );
  if (rows.length === 0) throw new InputError('RUN_NOT_FOUND', `unit ${unitId} of run ${runId} not found`);
  const r = rows[0];
  const { params } = await loadRun(db, runId);
  return {
    unitId: r.unit_id, pairId: r.pair_id, win: r.win, status: r.status, beforePath: r.before_path, afterPath: r.after_path,
    masks: pairMasks(r.before_mask, r.after_mask), bands: params.detect.bands, model: r.model,
  };
}

/** The pixel work of a unit, without the database (runs inline, in a sandboxed process or a thread). */
export async function computeUnit(task: UnitTask, signal?: AbortSignal): Promise<PatchPiece[]> {
  const pair = await cachedPair(task.beforePath, task.afterPath, task.masks, task.bands);
  return (await detectUnit(pair, task.win, task.model, signal)).pieces;
}

export async function saveUnitPieces(db: Db, runId: string, unitId: string, pieces: PatchPiece[]): Promise<void> {
  await db.query(sql('stages-unit-save'), [runId, unitId, JSON.stringify(pieces)]);
  await db.query(sql('stages-detect-progress'), [runId]);
}

/** Records a failed attempt; `final` marks the unit failed, and the run goes on without it. */
export async function recordUnitError(db: Db, runId: string, unitId: string, err: unknown, final: boolean): Promise<void> {
  await db.query(sql('stages-unit-error'), [runId, unitId, oneLine(err), final]);
  if (final) await db.query(sql('stages-detect-progress'), [runId]);
}

export interface DetectOutput {
  pieces: number;
  skipped: boolean;
}

export const detect: StageHandler<UnitInput, DetectOutput> = async ({ runId, unitId }, ctx) => {
  const task = await loadUnitTask(ctx.db, runId, unitId);
  if (task.status === 'done') return { pieces: 0, skipped: true };
  const pieces = await computeUnit(task, ctx.signal);
  await saveUnitPieces(ctx.db, runId, unitId, pieces);
  return { pieces: pieces.length, skipped: false };
};

export const detectStage = {
  name: 'detect',
  attempts: 4,
  backoffMs: 1000,
  timeoutMs: 300_000,
  handler: detect,
} as const satisfies StageDef<UnitInput, DetectOutput>;

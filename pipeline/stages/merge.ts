/**
 * Stage 5: merge. Per pair, joins the units' pieces across window borders into finished patches
 * (map and lon/lat polygons, ellipsoidal area, minimum area) and upserts them by patch_key, so a
 * re-run replaces rather than duplicates; patches a re-run no longer yields are dropped. Then, in
 * PostGIS, patches of different pairs that touch or overlap (cut by a tile border, or seen twice
 * where tiles overlap) become one. A patch on a tile's edge too small or weak to keep on its own is
 * kept as a fragment until then, and judged with what lies across the border (resolveFragments).
 * Units still pending here lost their job (e.g. a queue that lost its state): they are detected
 * inline first, so the result never silently misses a window.
 */
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { crsTransform } from '../../geo/crs/transform.ts';
import type { Grid, PatchStats } from '../../geo/types.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import { assemblePatches, keepsFragments, type DetectedPatch } from '../detect/assemble-patches.ts';
import { resolveDetectOptions } from '../detect/detect-options.ts';
import { TransientError } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { RunInput } from '../runs/run-params.ts';
import { stageDone, stageStarted } from '../runs/stage-status.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { StageContext, StageDef, StageHandler } from '../types.ts';
import { computeUnit, loadUnitTasks, recordUnitError, saveUnitPieces } from './detect.ts';

export interface MergeOutput {
  patches: number;
  lateUnits: number;
}

export const merge: StageHandler<RunInput, MergeOutput> = async ({ runId }, ctx) => {
  const lateUnits = await detectLateUnits(runId, ctx);
  const { params } = await loadRun(ctx.db, runId);
  const opts = resolveDetectOptions(params.detect);
  const pairs = (await ctx.db.query<{ pair_id: string; grid: Grid | null; model: SceneModel | null }>(sql('stages-pairs'), [runId])).rows;
  let total = 0;
  for (const [i, p] of pairs.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ done: i, total: pairs.length, label: `merge ${i}/${pairs.length} pairs` });
    if (!p.grid || !p.model) continue; // the pair could not be opened (a run problem)
    const rows = (await ctx.db.query<{ pieces: PatchPiece[] }>(sql('stages-merge-pieces'), [runId, p.pair_id])).rows;
    const pieces = rows.flatMap((r) => r.pieces);
    const patches = assemblePatches(pieces, p.grid, p.model, { minAreaM2: opts.minAreaM2, toLonLat: crsTransform(p.grid.crs, 4490), edgeFragments: pairs.length > 1 });
    const records = patches.map((d) => patchRecord(p.pair_id, d));
    await ctx.db.tx(async (t) => {
      await t.query(sql('stages-run-lock'), [runId]);
      await t.query(sql('stages-merge-patches'), [runId, p.pair_id, JSON.stringify(records)]);
      await t.query(sql('stages-merge-stale'), [runId, p.pair_id, records.map((r) => r.patch_key)]);
    });
    total += records.length;
  }
  if (pairs.length > 1) {
    const models = new Map(pairs.flatMap((p) => (p.model ? [[p.pair_id, p.model] as const] : [])));
    await ctx.db.tx(async (t) => {
      await t.query(sql('stages-run-lock'), [runId]);
      await resolveFragments(t, runId, models, opts.minAreaM2);
      await t.query(sql('stages-merge-across-pairs'), [runId]);
    });
    total = (await ctx.db.query(sql('stages-merge-count'), [runId])).rowCount;
  }
  ctx.progress({ done: pairs.length, total: pairs.length, label: `${total} patches` });
  return { patches: total, lateUnits };
};

/**
 * Keeps the fragments that are parts of a change cut by a tile border and drops the others
 * (keepsFragments), before the patches across pairs are joined; the first fragment's pair model
 * judges a cluster, each member's magnitudes rescaled from its own pair's units.
 */
async function resolveFragments(db: Db, runId: string, models: Map<string, SceneModel>, minAreaM2: number): Promise<void> {
  const clusters = (await db.query<{ ids: string[]; pair_ids: string[]; fragments: boolean[]; edge_stats: Array<PatchStats | null>; area_m2: number; perimeter_m: number }>(sql('stages-merge-fragment-clusters'), [runId])).rows;
  const keep: string[] = [];
  const drop: string[] = [];
  for (const c of clusters) {
    const members = c.ids.map((_, k) => ({ pairId: c.pair_ids[k], fragment: c.fragments[k], stats: c.edge_stats[k], threshold: models.get(c.pair_ids[k])!.threshold }));
    const model = models.get(members.find((m) => m.fragment)!.pairId)!;
    const fragments = c.ids.filter((_, k) => c.fragments[k]);
    (keepsFragments(members, { areaM2: c.area_m2, perimeterM: c.perimeter_m }, model, minAreaM2) ? keep : drop).push(...fragments);
  }
  if (keep.length > 0) await db.query(sql('stages-merge-fragments-keep'), [runId, keep]);
  if (drop.length > 0) await db.query(sql('stages-merge-fragments-drop'), [runId, drop]);
}

/** The patches row of a detected patch; the key is unique within the run (pair id + anchor pixel). */
function patchRecord(pairId: string, d: DetectedPatch) {
  const p = d.properties;
  return {
    patch_key: `${pairId}:${d.key}`,
    geom: d.geometryLonLat,
    area_m2: p.area_m2,
    pixel_count: p.pixel_count,
    mean_magnitude: p.mean_magnitude,
    ndvi_before: p.ndvi_before,
    ndvi_after: p.ndvi_after,
    change_type: p.change_type,
    confidence: p.confidence,
    props: p,
    fragment: d.fragment ?? false,
    edge_stats: d.edgeStats ?? null,
  };
}

async function detectLateUnits(runId: string, ctx: StageContext): Promise<number> {
  const late = (await ctx.db.query<{ unit_id: string }>(sql('runs-pending-units'), [runId, null])).rows;
  if (late.length === 0) {
    // Units save their progress as they go, but the last may have settled before cut was done.
    await ctx.db.query(sql('stages-detect-progress'), [runId]);
    return 0;
  }
  await stageStarted(ctx.db, runId, 'detect');
  for (const task of await loadUnitTasks(ctx.db, runId, late.map((u) => u.unit_id))) {
    ctx.signal.throwIfAborted();
    try {
      await saveUnitPieces(ctx.db, runId, task.unitId, await computeUnit(task, ctx.signal));
    } catch (err) {
      if (err instanceof TransientError) throw err; // retry the whole merge later
      await recordUnitError(ctx.db, runId, task.unitId, err, true);
    }
  }
  await stageDone(ctx.db, runId, 'detect');
  return late.length;
}

export const mergeStage = {
  name: 'merge',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 900_000,
  handler: merge,
} as const satisfies StageDef<RunInput, MergeOutput>;

/**
 * Stage 1: catalogue the tiles. Reads each tile's header (grid, bands, date) and stores its
 * footprint in EPSG:4490 and its cloud mask (sidecar) path. A tile that cannot be read is recorded
 * as a run problem and left out, so the good tiles still produce their clues; so is a tile whose
 * mask is unusable, since detecting it unmasked would turn its clouds into change. The stage fails
 * only when a date has no usable tile.
 */
import { InputError } from '../errors.ts';
import { loadRun } from '../runs/load-run.ts';
import type { RunInput } from '../runs/run-params.ts';
import { clearProblem, recordProblem } from '../runs/stage-status.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';
import { describeTile } from './describe-tile.ts';

export interface CatalogueOutput {
  images: number;
  rejected: number;
}

export const catalogue: StageHandler<RunInput, CatalogueOutput> = async ({ runId }, ctx) => {
  const { params } = await loadRun(ctx.db, runId);
  const tiles = [...params.before.map((path) => ({ role: 'before', path })), ...params.after.map((path) => ({ role: 'after', path }))];
  const good = { before: 0, after: 0 } as Record<string, number>;
  let rejected = 0;
  for (const [i, tile] of tiles.entries()) {
    ctx.signal.throwIfAborted();
    ctx.progress({ done: i, total: tiles.length, label: `catalogue ${i}/${tiles.length}` });
    let d: Awaited<ReturnType<typeof describeTile>>;
    try {
      d = await describeTile(tile.path, ctx.signal);
    } catch (err) {
      if (!(err instanceof InputError)) throw err; // transient: retry the stage
      await recordProblem(ctx.db, runId, 'catalogue', tile.path, err);
      rejected++;
      continue;
    }
    const { grid } = d;
    const xmax = grid.originX + grid.width * grid.resX;
    const ymin = grid.originY - grid.height * grid.resY;
    await ctx.db.query(sql('stages-catalogue-image'), [
      runId, tile.role, tile.path, d.acquired ?? null, grid.width, grid.height, d.bands, grid.crs,
      JSON.stringify({ grid, ...d.meta }), grid.originX, ymin, xmax, grid.originY, d.mask,
    ]);
    await clearProblem(ctx.db, runId, 'catalogue', tile.path);
    good[tile.role]++;
  }
  ctx.progress({ done: tiles.length, total: tiles.length });
  for (const role of ['before', 'after']) {
    if (good[role] === 0) throw new InputError('FILE_UNREADABLE', `no usable ${role} tile (${rejected} rejected; see landwatch status)`);
  }
  return { images: good.before + good.after, rejected };
};

export const catalogueStage = {
  name: 'catalogue',
  attempts: 5,
  backoffMs: 1000,
  timeoutMs: 300_000,
  handler: catalogue,
} as const satisfies StageDef<RunInput, CatalogueOutput>;

/**
 * A run's overview map (see overview-map.ts) from the store: the pairs' grids, the pictures the
 * units recorded, and the patches with their severity. The export stage writes it as overview.png
 * beside the run's outputs; `landwatch report` puts it in the report.
 */
import { rmSync } from 'node:fs';
import type { CellSums } from '../../geo/raster/cell-sums.ts';
import type { Grid } from '../../geo/types.ts';
import { oneLine } from '../errors.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { drawOverview, overviewCanvas, paintPicture, painted, type OverviewPatch } from './overview-map.ts';

/** Pictures read per query (a run's pictures hold about a million cells, 16 bytes each, in all). */
const PAGE = 64;

/**
 * The PNG, or null when no unit recorded a picture (units detected before pictures were; a run
 * partly detected again gets a map with grey holes where units have none). `patches` default to the
 * run's.
 */
export async function runOverview(db: Db, runId: string, patches?: OverviewPatch[]): Promise<Buffer | null> {
  const pairs = (await db.query<{ pair_id: string; grid: Grid | null }>(sql('stages-pairs'), [runId])).rows;
  const grids = new Map(pairs.flatMap((p) => (p.grid ? [[p.pair_id, p.grid] as const] : [])));
  if (grids.size === 0) return null;
  const canvas = overviewCanvas([...grids.values()]);
  for (let after = ''; ; ) {
    const { rows } = await db.query<{ unit_id: string; pair_id: string; picture_cells: Omit<CellSums, 'sums'>; picture: Uint8Array }>(sql('stages-export-pictures'), [runId, after, PAGE]);
    for (const r of rows) {
      const grid = grids.get(r.pair_id);
      // Copied: the driver's buffer need not be aligned for float32.
      if (grid) paintPicture(canvas, grid, { ...r.picture_cells, sums: new Float32Array(new Uint8Array(r.picture).buffer) });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].unit_id;
  }
  if (!painted(canvas)) return null;
  const shapes = patches ?? (await db.query<OverviewPatch>(sql('stages-export-patches'), [runId])).rows;
  return drawOverview(canvas, shapes, [`landwatch run ${runId}`, 'later date; patches by severity:', 'red severe, orange high,', 'yellow medium, cyan none']);
}

export interface WrittenOverview {
  /** The PNG written, and its bytes; absent when there was nothing to draw (see runOverview). */
  path?: string;
  png?: Buffer;
  /** Why it was not drawn: reported, not thrown, as the evidence is (the other outputs matter more). */
  error?: string;
}

/** Writes the map to `path`; with none to draw, or on failure, an earlier export's map there is removed. */
export async function writeRunOverview(db: Db, runId: string, path: string, patches?: OverviewPatch[]): Promise<WrittenOverview> {
  try {
    const png = await runOverview(db, runId, patches);
    if (png) {
      writeFileAtomicSync(path, png);
      return { path, png };
    }
    rmSync(path, { force: true });
    return {};
  } catch (err) {
    rmSync(path, { force: true });
    return { error: oneLine(err) };
  }
}

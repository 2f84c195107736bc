/**
 * The export's overview map, <outDir>/overview.png (see overview-map.ts), from the pictures the
 * units recorded. A failure is reported, not thrown, as for the evidence: the GeoJSON, summary and
 * run.json matter more than a picture.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { CellSums } from '../../geo/raster/cell-sums.ts';
import type { Grid } from '../../geo/types.ts';
import { oneLine } from '../errors.ts';
import { drawOverview, overviewCanvas, paintPicture, painted } from '../exports/overview-map.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';

export interface ExportOverview {
  /** The PNG written; absent when no unit recorded a picture (units detected before pictures were). */
  path?: string;
  error?: string;
}

/** Pictures read per query: ~16 KB each. */
const PAGE = 64;

export async function exportOverview(db: Db, runId: string, path: string, grids: Map<string, Grid>, patches: Array<{ geometry: string; severity: string | null }>): Promise<ExportOverview> {
  try {
    if (grids.size === 0) return {};
    const canvas = overviewCanvas([...grids.values()]);
    for (let after = ''; ; ) {
      const { rows } = await db.query<{ unit_id: string; pair_id: string; picture_cells: Omit<CellSums, 'sums'>; picture: Uint8Array }>(sql('stages-export-pictures'), [runId, after, PAGE]);
      for (const r of rows) {
        const grid = grids.get(r.pair_id);
        // Copied: the driver's buffer need not be aligned for float32.
        if (grid) paintPicture(canvas, grid, { ...r.picture_cells, sums: new Float32Array(Uint8Array.from(r.picture).buffer) });
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].unit_id;
    }
    if (!painted(canvas)) return {};
    const shapes = patches.map((p) => ({ geometry: JSON.parse(p.geometry) as Polygon | MultiPolygon, severity: p.severity }));
    const png = await drawOverview(canvas, shapes, [`landwatch run ${runId}`, 'later date; patches by severity:', 'red severe, orange high,', 'yellow medium, cyan none']);
    writeFileAtomicSync(path, png);
    return { path };
  } catch (err) {
    return { error: oneLine(err) };
  }
}

/**
 * Reads a polygon file (GeoJSON incl. GDAL-style `crs`, Shapefile, GeoPackage: the layer readers of
 * pipeline/layers) and stores its features as patches of a run, transformed to EPSG:4490 in PostGIS.
 * Patch keys are the feature's position in the file ('f0000001'…), so clue numbers follow file order.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../errors.ts';
import { dropDegenerateRings } from '../layers/drop-degenerate-rings.ts';
import { openLayerFile } from '../layers/open-layer-file.ts';
import { sridFromName } from '../layers/srid-from-name.ts';
import { polygonToWkbHex } from '../layers/to-wkb.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';

export interface ImportedFeature {
  key: string;
  properties: Record<string, unknown>;
  /** Geometry type in the file ('Polygon', 'MultiPolygon'), or null when the feature had none. */
  type: string | null;
}

export interface ImportPatchesResult {
  srid: number;
  features: ImportedFeature[];
  /** Features stored as patches (with a non-empty polygonal geometry). */
  stored: number;
}

/** 'EPSG:4526', '4526' or a CRS name pipeline/layers understands → EPSG code. */
export function parseSrs(srs: string): number {
  const srid = sridFromName(srs) ?? (/^\d+$/.test(srs.trim()) ? Number(srs) : undefined);
  if (srid === undefined) throw new InputError('BAD_OPTION', `--srs ${JSON.stringify(srs)}: expected EPSG:xxxx`);
  return srid;
}

export async function importPatches(
  db: Db,
  runId: string,
  file: string,
  opts: { srs?: string; batchSize?: number; onProgress?: (read: number) => void } = {},
): Promise<ImportPatchesResult> {
  const source = await openLayerFile(file);
  const srid = opts.srs !== undefined ? parseSrs(opts.srs) : source.srid;
  if (srid === undefined) throw new InputError('CRS_UNKNOWN', `${file} declares no coordinate system; give --srs EPSG:xxxx`);
  if ((await db.query(sql('layers-srid-exists'), [srid])).rowCount === 0) {
    throw new InputError('CRS_UNKNOWN', `EPSG:${srid} is not in PostGIS spatial_ref_sys; cannot transform ${file}`);
  }
  const batchSize = opts.batchSize ?? 5000;
  const features: ImportedFeature[] = [];
  let stored = 0;
  let cols: [string[], string[], string[]] = [[], [], []];
  const flush = async () => {
    if (cols[0].length === 0) return;
    stored += (await db.query(sql('overlay-insert-patches'), [runId, srid, ...cols])).rowCount;
    cols = [[], [], []];
    opts.onProgress?.(features.length);
  };
  for await (const f of source.features()) {
    const key = `f${String(features.length + 1).padStart(7, '0')}`;
    let wkb: string | null = null;
    let type: string | null = null;
    if (f.geometry) {
      type = f.geometry.type;
      if (type === 'Polygon' || type === 'MultiPolygon') {
        const clean = dropDegenerateRings(f.geometry as Polygon | MultiPolygon);
        wkb = clean.geometry ? polygonToWkbHex(clean.geometry) : null;
      }
    }
    if (type !== null && type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new InputError('LAYER_INVALID', `${file}: feature ${features.length + 1} is a ${type}; change patches must be polygons`);
    }
    features.push({ key, properties: f.properties ?? {}, type });
    if (wkb !== null) {
      cols[0].push(key);
      cols[1].push(wkb);
      cols[2].push(JSON.stringify(f.properties ?? {}));
      if (cols[0].length >= batchSize) await flush();
    }
  }
  await flush();
  return { srid, features, stored };
}

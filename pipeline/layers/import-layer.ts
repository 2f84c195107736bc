/**
 * Imports a polygon file as the next version of a baseline layer, in one transaction: insert the
 * layer row, stage the features in batches (arrays through unnest), build layer_features with one
 * set-based statement (repair, transform to EPSG:4490 in PostGIS, subdivide), then flip `is_current`.
 * Readers and mapping errors surface before anything is written.
 */
import { basename } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../errors.ts';
import type { Progress } from '../types.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { asDate, asText, attrsJson } from './clean-values.ts';
import { resolveFieldMap, type FieldMap } from './field-map.ts';
import { openLayerFile } from './open-layer-file.ts';
import { sridFromName } from './srid-from-name.ts';
import { dropDegenerateRings } from './drop-degenerate-rings.ts';
import { polygonToWkbHex } from './to-wkb.ts';
import type { ImportReport, LayerKind, LayerSource, SourceFeature } from './types.ts';

export interface ImportLayerOptions {
  kind: LayerKind;
  /** The file: .geojson/.json, .shp (with .dbf/.prj/.cpg beside it) or .gpkg. */
  file: string;
  /** Layer name. Default: the file name. */
  name?: string;
  /** Source CRS, e.g. 'EPSG:4526'; overrides the file's. Required when the file declares none. */
  srs?: string;
  /** Attribute → column mapping; see field-map.ts for the defaults. Default: {}. */
  fields?: FieldMap;
  /** Shapefile attribute encoding (iconv-lite name, e.g. 'gbk', 'utf8'). Default: .cpg, else guessed. */
  encoding?: string;
  /** Features per staging batch. Default: 5000. */
  batchSize?: number;
  /** Largest vertex count of a stored piece (ST_Subdivide). Default: 256. */
  maxVertices?: number;
  onProgress?: (p: Progress) => void;
}

const POLYGONAL = new Set(['Polygon', 'MultiPolygon']);

/** Geometry type name of a feature, or null when it has no (or an empty) geometry. */
function typeOf(f: SourceFeature): string | null {
  const g = f.geometry;
  if (!g) return null;
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && g.coordinates.length === 0) return null;
  return g.type;
}

/**
 * Catches the commonest CRS mistake before it turns into garbage geometry: projected coordinates
 * (e.g. a Gauss-Krüger easting of 38 500 000) in a file taken as geographic, or degrees in a file
 * taken as projected. Looks at the first position only.
 */
function checkCoordinates(g: Polygon | MultiPolygon, srid: number, geographic: boolean, file: string): void {
  const [x, y] = g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0];
  const looksDegrees = Math.abs(x) <= 180 && Math.abs(y) <= 90;
  if (geographic && !looksDegrees) {
    const hint = Math.abs(x) >= 1e7 ? ' (an 8-digit easting means a zone-prefixed Gauss-Krüger CRS, e.g. EPSG:4526 for 3° zone 38)' : '';
    throw new InputError('CRS_UNKNOWN', `${file}: coordinates (${x}, ${y}) are not degrees, but the layer is read as EPSG:${srid}; give --srs EPSG:xxxx${hint}`);
  }
  if (!geographic && looksDegrees) {
    throw new InputError('CRS_UNKNOWN', `${file}: coordinates (${x}, ${y}) look like degrees, but the layer is read as projected EPSG:${srid}; give --srs EPSG:4490 or EPSG:4326`);
  }
}

function parseSrs(srs: string): number {
  const srid = sridFromName(srs) ?? (/^\d+$/.test(srs.trim()) ? Number(srs) : undefined);
  if (srid === undefined) throw new InputError('BAD_OPTION', `--srs ${JSON.stringify(srs)}: expected EPSG:xxxx`);
  return srid;
}

/** A layer file opened and checked against the options, before any database work. */
export interface PreparedLayerImport {
  source: LayerSource;
  srid: number;
  map: FieldMap;
  name: string;
}

/**
 * Opens the file and resolves CRS and field mapping, so bad input fails fast (before a store is
 * opened). importLayer calls it itself unless given the result.
 */
export async function prepareLayerImport(opts: ImportLayerOptions): Promise<PreparedLayerImport> {
  const source = await openLayerFile(opts.file, { encoding: opts.encoding, srsGiven: opts.srs !== undefined });
  const srid = opts.srs !== undefined ? parseSrs(opts.srs) : source.srid;
  if (srid === undefined) throw new InputError('CRS_UNKNOWN', `${opts.file} declares no coordinate system (no .prj); give --srs EPSG:xxxx`);
  const map = resolveFieldMap(opts.kind, source.fields, opts.fields ?? {}, opts.file);
  return { source, srid, map, name: opts.name ?? basename(opts.file) };
}

export async function importLayer(db: Db, opts: ImportLayerOptions, prepared?: PreparedLayerImport): Promise<ImportReport> {
  const started = Date.now();
  const { source, srid, map, name } = prepared ?? (await prepareLayerImport(opts));
  const known = (await db.query<{ geographic: boolean }>(sql('layers-srid-exists'), [srid])).rows[0];
  if (!known) throw new InputError('CRS_UNKNOWN', `EPSG:${srid} is not in PostGIS spatial_ref_sys; cannot transform ${opts.file}`);
  let crsChecked = false;
  const batchSize = opts.batchSize ?? 5000;
  const progress = (done: number, label: string) => opts.onProgress?.({ done, total: source.count ?? done, label });

  const report = await db.tx(async (t): Promise<ImportReport> => {
    await t.query(sql('layers-no-jit'));
    await t.query(sql('layers-lock-kind'), [opts.kind]);
    const layer = (await t.query<{ id: string; version: number }>(sql('layers-insert-version'), [opts.kind, name, opts.file, srid])).rows[0];
    await t.query(sql('layers-create-stage'));
    let read = 0;
    let emptyInFile = 0;
    const wrongTypes = new Map<string, number>();
    const newColumns = (): unknown[][] => [[], [], [], [], [], [], [], [], []];
    let cols = newColumns();
    const flush = async () => {
      if (cols[0].length === 0) return;
      await t.query(sql('layers-stage-batch'), cols);
      cols = newColumns();
      progress(read, `staged ${read} features`);
    };
    for await (const f of source.features()) {
      read++;
      const type = typeOf(f);
      if (type === null) {
        emptyInFile++;
        continue;
      }
      if (!POLYGONAL.has(type)) {
        wrongTypes.set(type, (wrongTypes.get(type) ?? 0) + 1);
        continue;
      }
      if (wrongTypes.size > 0) continue; // the import fails below; only keep counting
      const clean = dropDegenerateRings(f.geometry as Polygon | MultiPolygon);
      if (!clean.geometry) {
        emptyInFile++;
        continue;
      }
      if (!crsChecked) {
        checkCoordinates(clean.geometry, srid, known.geographic, opts.file);
        crsChecked = true;
      }
      const p = f.properties;
      cols[0].push(read);
      cols[1].push(polygonToWkbHex(clean.geometry));
      cols[2].push(map.dlbm ? asText(p[map.dlbm]) : null);
      cols[3].push(map.dlmc ? asText(p[map.dlmc]) : null);
      cols[4].push(map.approval_no ? asText(p[map.approval_no]) : null);
      cols[5].push(map.approval_doc ? asText(p[map.approval_doc]) : null);
      cols[6].push(map.approval_date ? asDate(p[map.approval_date]) : null);
      cols[7].push(attrsJson(p));
      cols[8].push(clean.changed);
      if (cols[0].length >= batchSize) await flush();
    }
    if (wrongTypes.size > 0) {
      const what = [...wrongTypes].map(([k, n]) => `${n} ${k}`).join(', ');
      throw new InputError('LAYER_INVALID', `${opts.file} mixes geometry types (${what} besides polygons); a layer must be polygons only`);
    }
    await flush();
    progress(read, 'repairing, transforming and subdividing');
    const built = (await t.query<{ repaired: number; empty: number; imported: number; pieces: number }>(sql('layers-build-features'), [layer.id, srid, opts.maxVertices ?? 256])).rows[0];
    // PGlite loses some GEOS errors and returns no row at all: never report that as success.
    if (!built) throw new Error(`building the features of ${opts.file} returned no result (a geometry the database could not process)`);
    const skipped = emptyInFile + built.empty;
    await t.query(sql('layers-finish-version'), [layer.id, built.imported, built.repaired, skipped]);
    await t.query(sql('layers-clear-current'), [opts.kind]);
    await t.query(sql('layers-set-current'), [layer.id]);
    return {
      layerId: Number(layer.id),
      kind: opts.kind,
      version: layer.version,
      name,
      srid,
      read,
      imported: built.imported,
      repaired: built.repaired,
      skipped,
      pieces: built.pieces,
      seconds: (Date.now() - started) / 1000,
    };
  });
  // Fresh statistics so the first overlay against this version gets a sensible plan.
  await db.query(sql('layers-analyze'));
  return { ...report, seconds: (Date.now() - started) / 1000 };
}

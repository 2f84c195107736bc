/**
 * The first feature table of a GeoPackage (.gpkg), opened with sql.js (SQLite in wasm, whole file in
 * memory). Geometry blobs are "GP" header + envelope + standard WKB, decoded to GeoJSON here so they
 * get the same client-side checks as the other formats.
 * CRS: the table's srs_id looked up in gpkg_spatial_ref_sys (organisation EPSG).
 */
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { InputError } from '../errors.ts';
import { fromWkb } from './from-wkb.ts';
import type { LayerSource } from './types.ts';

/** Envelope size in bytes by the 3-bit envelope indicator of the GeoPackage binary header. */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** The WKB part of a GeoPackage geometry blob; null for the empty flag or a malformed blob. */
export function gpkgWkb(blob: Uint8Array): Uint8Array | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return null;
  const flags = blob[3];
  if (flags & 0x10) return null; // empty geometry
  const env = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (env === undefined) return null;
  return blob.subarray(8 + env);
}

function quoteIdent(name: string): string {
  // SQLite has no bound identifiers; this quotes a table name read from the file's own catalogue.
  return `"${name.replace(/"/g, '""')}"`;
}

export async function readGeopackage(path: string): Promise<LayerSource> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(path));
  let table: string, column: string, srsId: number;
  try {
    const t = db.exec("SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name");
    if (!t.length || !t[0].values.length) throw new InputError('LAYER_INVALID', `${path} has no feature table`);
    [table, column, srsId] = t[0].values[0] as [string, string, number];
  } catch (err) {
    db.close();
    if (err instanceof InputError) throw err;
    throw new InputError('LAYER_INVALID', `${path} is not a GeoPackage: ${(err as Error).message}`, { cause: err });
  }
  const srs = db.exec('SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  const [org, code] = (srs[0]?.values[0] ?? []) as [string?, number?];
  const srid = org?.toUpperCase() === 'EPSG' && typeof code === 'number' && code > 0 ? code : undefined;
  const info = db.exec(`PRAGMA table_info(${quoteIdent(table)})`);
  const cols = (info[0]?.values ?? []).map((r) => String(r[1]));
  const fields = cols.filter((c) => c !== column);
  const count = Number(db.exec(`SELECT count(*) FROM ${quoteIdent(table)}`)[0].values[0][0]);
  return {
    format: 'geopackage',
    srid,
    fields,
    count,
    async *features() {
      const stmt = db.prepare(`SELECT * FROM ${quoteIdent(table)}`);
      try {
        while (stmt.step()) {
          const row = stmt.getAsObject();
          const blob = row[column];
          const properties: Record<string, unknown> = {};
          for (const f of fields) properties[f] = row[f] instanceof Uint8Array ? null : row[f];
          const wkb = blob instanceof Uint8Array ? gpkgWkb(blob) : null;
          yield { geometry: wkb ? fromWkb(wkb) : null, properties };
        }
      } finally {
        stmt.free();
        db.close();
      }
    },
  };
}

/** Writes a minimal GeoPackage (one feature table `features`, geometry column `geom`) for tests. */
import { writeFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import initSqlJs from 'sql.js';
import { polygonToWkbHex } from '../to-wkb.ts';

export async function writeGeopackage(path: string, srid: number, rows: { geometry: Polygon | MultiPolygon; attrs: Record<string, string | null> }[]): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  const names = Object.keys(rows[0]?.attrs ?? {});
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
    CREATE TABLE features (fid INTEGER PRIMARY KEY, geom BLOB, ${names.map((n) => `"${n}" TEXT`).join(', ')});`);
  db.run("INSERT INTO gpkg_spatial_ref_sys VALUES ('x', 7, 'EPSG', ?, '', '')", [srid]);
  db.run("INSERT INTO gpkg_contents VALUES ('features', 'features', 'features', 7)");
  db.run("INSERT INTO gpkg_geometry_columns VALUES ('features', 'geom', 'GEOMETRY', 7, 0, 0)");
  for (const r of rows) {
    const header = Buffer.alloc(8 + 32);
    header.write('GP', 0, 'latin1');
    header.writeUInt8(0b011, 3); // little-endian header, envelope [minx, maxx, miny, maxy]
    header.writeInt32LE(7, 4);
    const blob = Buffer.concat([header, Buffer.from(polygonToWkbHex(r.geometry), 'hex')]);
    db.run(`INSERT INTO features (geom, ${names.map((n) => `"${n}"`).join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`, [blob, ...names.map((n) => r.attrs[n])]);
  }
  writeFileSync(path, db.export());
  db.close();
}

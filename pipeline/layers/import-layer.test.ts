import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { openStore } from '../store/open-store.ts';
import { testStores } from '../store/test-helpers.ts';
import { currentLayers } from './current-layers.ts';
import { importLayer } from './import-layer.ts';
import { listLayers } from './list-layers.ts';
import { writeShapefile } from './testing/write-shapefile.ts';
import { writeGeopackage } from './testing/write-geopackage.ts';

const REAL = '/work/shared/data/real/vector';
const ZURICH = `${REAL}/zurich-crop-parcels-2019/ZH_Polygons_2019_EPSG32632_selected-crops.shp`;
const OSM = `${REAL}/osm-landuse/helsinki-centre-landuse.geojson`;
const CM114 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const dir = mkdtempSync(join(tmpdir(), 'landwatch-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A square of `size` m at (x, y), counter-clockwise (GeoJSON). */
const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const feature = (coordinates: unknown, properties: Record<string, unknown>, type = 'Polygon') => ({ type: 'Feature', properties, geometry: { type, coordinates } });
function writeJson(name: string, doc: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

describe.each(testStores())('layer import on $name', (backend) => {
  let db: Store;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  const areaOf = async (layerId: number) =>
    (await db.query<{ m2: number; n: number }>('SELECT sum(ST_Area(geom::geography)) AS m2, count(DISTINCT fid)::int AS n FROM layer_features WHERE layer_id = $1', [layerId])).rows[0];

  it('imports RFC 7946 GeoJSON (4326) with DLBM/DLMC and repairs a bow-tie', async () => {
    const file = writeJson('landuse.geojson', {
      type: 'FeatureCollection',
      features: [
        feature(square(114.0, 30.0, 0.001), { DLBM: '0101', DLMC: '水田' }),
        feature([[[114.01, 30.0], [114.011, 30.001], [114.011, 30.0], [114.01, 30.001], [114.01, 30.0]]], { DLBM: '0103', DLMC: '旱地' }),
        { type: 'Feature', properties: { DLBM: '0201' }, geometry: null },
      ],
    });
    const r = await importLayer(db, { kind: 'landuse', file });
    expect(r).toMatchObject({ kind: 'landuse', version: 1, srid: 4326, read: 3, imported: 2, repaired: 1, skipped: 1, pieces: 3 });
    const rows = (await db.query<{ dlbm: string; dlmc: string }>('SELECT DISTINCT dlbm, dlmc FROM layer_features WHERE layer_id = $1 ORDER BY dlbm', [r.layerId])).rows;
    expect(rows).toEqual([{ dlbm: '0101', dlmc: '水田' }, { dlbm: '0103', dlmc: '旱地' }]);
  });

  it('imports GDAL-style GeoJSON in EPSG:4526 and reports ellipsoidal areas', async () => {
    const file = writeJson('farmland-4526.geojson', {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
      features: [feature(square(38500000, 3300000, 100), { id: 1 })],
    });
    const r = await importLayer(db, { kind: 'farmland', file });
    expect(r.srid).toBe(4526);
    const a = await areaOf(r.layerId);
    expect(a.m2).toBeGreaterThan(9990);
    expect(a.m2).toBeLessThan(10010);
    const c = (await db.query<{ x: number }>('SELECT ST_X(ST_Centroid(geom)) AS x FROM layer_features WHERE layer_id = $1', [r.layerId])).rows[0];
    expect(c.x).toBeCloseTo(114.0005, 3);
  });

  it('imports a GBK shapefile with .cpg and .prj (CGCS2000 CM 114E), and guesses GBK without .cpg', async () => {
    // Shapefile rings are clockwise.
    const cw = (x: number, y: number, s: number): [number, number][] => [[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]];
    const shapes = [
      { rings: [cw(500000, 3300000, 50)], attrs: { DLBM: '0101', DLMC: '水田' } },
      { rings: [cw(500100, 3300000, 50)], attrs: { DLBM: '0702', DLMC: '农村宅基地' } },
    ];
    writeShapefile(join(dir, 'gbk'), shapes, { encoding: 'gbk', prj: CM114, cpg: 'GBK' });
    writeShapefile(join(dir, 'nocpg'), shapes, { encoding: 'gbk', prj: CM114 });
    for (const base of ['gbk', 'nocpg']) {
      const r = await importLayer(db, { kind: 'landuse', file: join(dir, `${base}.shp`) });
      expect(r).toMatchObject({ srid: 4547, read: 2, imported: 2, repaired: 0 });
      const rows = (await db.query<{ dlmc: string; attrs: Record<string, string> }>('SELECT dlmc, attrs FROM layer_features WHERE layer_id = $1 ORDER BY fid', [r.layerId])).rows;
      expect(rows.map((x) => x.dlmc)).toEqual(['水田', '农村宅基地']);
      expect(rows[1].attrs).toEqual({ DLBM: '0702', DLMC: '农村宅基地' });
      expect((await areaOf(r.layerId)).m2).toBeCloseTo(5000, -1);
    }
  });

  it('imports a GeoPackage in EPSG:4526', async () => {
    const file = join(dir, 'approved.gpkg');
    await writeGeopackage(file, 4526, [
      { geometry: { type: 'Polygon', coordinates: square(38500000, 3300000, 100) }, attrs: { PZWH: '浙土资〔2020〕7号', PZRQ: '2020-07-01' } },
      { geometry: { type: 'MultiPolygon', coordinates: [square(38500200, 3300000, 50), square(38500300, 3300000, 50)] }, attrs: { PZWH: 'B-2', PZRQ: null } },
    ]);
    const r = await importLayer(db, { kind: 'plan', file, fields: { approval_no: 'PZWH', approval_date: 'PZRQ' } });
    expect(r).toMatchObject({ srid: 4526, read: 2, imported: 2, pieces: 3 });
    const rows = (await db.query<{ approval_no: string; d: string | null }>('SELECT DISTINCT approval_no, approval_date::text AS d FROM layer_features WHERE layer_id = $1 ORDER BY 1', [r.layerId])).rows;
    expect(rows).toEqual([{ approval_no: 'B-2', d: null }, { approval_no: '浙土资〔2020〕7号', d: '2020-07-01' }]);
    expect((await areaOf(r.layerId)).m2).toBeCloseTo(15000, -2);
  });

  it('rejects projected coordinates in a file read as EPSG:4326, and takes --srs instead', async () => {
    const file = writeJson('gk-without-crs.geojson', { type: 'FeatureCollection', features: [feature(square(38500000, 3300000, 100), {})] });
    const err = await importLayer(db, { kind: 'redline', file }).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('CRS_UNKNOWN');
    expect((err as Error).message).toMatch(/EPSG:4526/);
    const r = await importLayer(db, { kind: 'redline', file, srs: 'EPSG:4526' });
    expect(r).toMatchObject({ srid: 4526, imported: 1 });
  });

  it('rejects a shapefile without .prj unless --srs is given', async () => {
    const cw: [number, number][] = [[500000, 3300000], [500000, 3300010], [500010, 3300010], [500010, 3300000], [500000, 3300000]];
    writeShapefile(join(dir, 'noprj'), [{ rings: [cw], attrs: { A: 'x' } }], { encoding: 'utf8' });
    const err = await importLayer(db, { kind: 'farmland', file: join(dir, 'noprj.shp') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('CRS_UNKNOWN');
    const r = await importLayer(db, { kind: 'farmland', file: join(dir, 'noprj.shp'), srs: 'EPSG:4547' });
    expect(r.imported).toBe(1);
  });

  it('imports the real Zurich shapefile (UTM 32N)', async () => {
    const r = await importLayer(db, { kind: 'farmland', file: ZURICH });
    expect(r).toMatchObject({ srid: 32632, read: 4781, skipped: 0 });
    expect(r.imported).toBe(4781);
    const b = (await db.query<{ x: number; y: number }>('SELECT ST_X(ST_Centroid(ST_Collect(geom))) AS x, ST_Y(ST_Centroid(ST_Collect(geom))) AS y FROM layer_features WHERE layer_id = $1', [r.layerId])).rows[0];
    expect(b.x).toBeGreaterThan(8.3);
    expect(b.x).toBeLessThan(9.0);
    expect(b.y).toBeGreaterThan(47.2);
    expect(b.y).toBeLessThan(47.8);
  });

  it('repairs the invalid OSM polygons and subdivides large ones', async () => {
    const r = await importLayer(db, { kind: 'landuse', file: OSM, fields: { dlbm: 'landuse' }, maxVertices: 64 });
    expect(r.repaired).toBeGreaterThan(0);
    expect(r.imported).toBeGreaterThan(0);
    expect(r.pieces).toBeGreaterThan(r.imported);
    const { rows } = await db.query<{ bad: number; maxv: number }>(
      'SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS bad, max(ST_NPoints(geom))::int AS maxv FROM layer_features WHERE layer_id = $1',
      [r.layerId],
    );
    expect(rows[0].bad).toBe(0);
    expect(rows[0].maxv).toBeLessThanOrEqual(64 + 8);
  });

  it('fails on mixed geometry types and leaves the current version alone', async () => {
    const before = await currentLayers(db);
    const file = writeJson('mixed.geojson', {
      type: 'FeatureCollection',
      features: [feature(square(114, 30, 0.001), { DLBM: '0101' }), feature([114, 30], { DLBM: '0101' }, 'Point')],
    });
    const err = await importLayer(db, { kind: 'landuse', file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('LAYER_INVALID');
    expect((err as Error).message).toMatch(/1 Point/);
    expect(await currentLayers(db)).toEqual(before);
  });

  it('names the existing fields when a mapped field is missing', async () => {
    const file = writeJson('nofield.geojson', { type: 'FeatureCollection', features: [feature(square(114, 30, 0.001), { CODE: '0101', NAME: 'x' })] });
    const err = await importLayer(db, { kind: 'landuse', file }).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('FIELD_MISSING');
    expect((err as Error).message).toContain('"CODE", "NAME"');
    const err2 = await importLayer(db, { kind: 'approved', file, fields: { approval_no: 'PZWH' } }).catch((e: unknown) => e);
    expect((err2 as InputError).code).toBe('FIELD_MISSING');
  });

  it('makes a re-import the next current version, in one step', async () => {
    const file = writeJson('approved.geojson', {
      type: 'FeatureCollection',
      features: [feature(square(114, 30, 0.001), { PZWH: '国土资函〔2021〕12号', PZRQ: '2021年3月5日' })],
    });
    const v1 = await importLayer(db, { kind: 'approved', file });
    const v2 = await importLayer(db, { kind: 'approved', file, name: 'approvals 2' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const cur = (await currentLayers(db)).find((l) => l.kind === 'approved');
    expect(cur).toEqual({ kind: 'approved', id: v2.layerId, version: 2 });
    const list = (await listLayers(db)).filter((l) => l.kind === 'approved');
    expect(list.map((l) => [l.version, l.current, l.features])).toEqual([[2, true, 1], [1, false, 1]]);
    const f = (await db.query<{ approval_no: string; d: string }>("SELECT approval_no, approval_date::text AS d FROM layer_features WHERE layer_id = $1", [v2.layerId])).rows[0];
    expect(f).toEqual({ approval_no: '国土资函〔2021〕12号', d: '2021-03-05' });
    if (db.backend !== 'postgres') return; // PGlite has one connection: no concurrent reader to ask
    // Another connection sees version 2 until version 3 commits, then version 3.
    // (The Zurich file takes a second to build: long enough for the reader to run inside the window.)
    const reader = await openStore({ ...backend.options, migrate: false });
    await currentLayers(reader); // warm its connection
    let seenDuring: unknown;
    const v3 = await importLayer(db, {
      kind: 'approved',
      file: ZURICH,
      onProgress: (p) => {
        if (p.label?.startsWith('repairing')) seenDuring = currentLayers(reader);
      },
    });
    const seen = (await seenDuring) as { kind: string; version: number }[];
    await reader.close();
    expect(seen.find((l) => l.kind === 'approved')?.version).toBe(2);
    expect((await currentLayers(db)).find((l) => l.kind === 'approved')?.version).toBe(v3.version);
  });

  it('stores hostile field names and values as data', async () => {
    const evil = '"; DROP TABLE layers; --';
    const file = writeJson('evil.geojson', {
      type: 'FeatureCollection',
      features: [feature(square(114, 30, 0.001), { [evil]: "'); DELETE FROM layers; --", DLBM: "0101'--" })],
    });
    const r = await importLayer(db, { kind: 'landuse', file, name: evil, fields: { dlmc: evil } });
    const row = (await db.query<{ attrs: Record<string, string>; dlbm: string; dlmc: string }>('SELECT attrs, dlbm, dlmc FROM layer_features WHERE layer_id = $1', [r.layerId])).rows[0];
    expect(row.attrs[evil]).toBe("'); DELETE FROM layers; --");
    expect(row.dlmc).toBe("'); DELETE FROM layers; --");
    expect(row.dlbm).toBe("0101'--");
    expect((await listLayers(db)).find((l) => l.id === r.layerId)?.name).toBe(evil);
  });
});

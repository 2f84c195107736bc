/**
 * Overlay, rules and clues against hand-computed areas, on both backends. Layers and patches are
 * rectangles in EPSG:4526 metres (overlay-fixture.ts); expected areas are planar m², which equal the
 * ellipsoidal ones here to < 0.01 %, so the tolerance is 0.1 %.
 */
import * as glNs from 'geographiclib-geodesic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClues } from '../clues/create-clues.ts';
import { DEFAULT_RULES } from '../rules/default-rules.ts';
import type { Overlay } from '../rules/types.ts';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { addFixtureLayers, addLayer, addPatches, FIXTURE_PATCHES, rect, wkt } from './overlay-fixture.ts';
import { overlayPatches } from './overlay-patches.ts';
import { recordRunLayers } from './record-run-layers.ts';

const gl = ((glNs as unknown as { default?: typeof glNs }).default ?? glNs) as typeof glNs;

interface Row {
  patch_key: string;
  overlay: Overlay;
  rule: string;
  severity: string;
  suspected: boolean;
  rule_trace: { checked: string[]; fractions: Record<string, number>; reason: { zh: string } };
}
const PATCH_ROWS = 'SELECT patch_key, overlay, rule, severity, suspected, rule_trace FROM patches WHERE run_id = $1 ORDER BY patch_key';

const close = (actual: number, expected: number) => {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / expected).toBeLessThan(0.001);
};
const closeMap = (actual: Record<string, number>, expected: Record<string, number>) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) close(actual[k], expected[k]);
};

describe.each(testStores())('overlay on $name', (backend) => {
  let db: Store;
  let rows: Record<string, Row>;
  let ids: Record<string, number>;
  let first: { patches: number; suspected: number };

  beforeAll(async () => {
    db = await backend.open();
    await addFixtureLayers(db);
    ids = await addPatches(db, 'run-a', FIXTURE_PATCHES);
    first = await overlayPatches(db, 'run-a', { batchSize: 3 });
    rows = Object.fromEntries((await db.query<Row>(PATCH_ROWS, ['run-a'])).rows.map((r) => [r.patch_key, r]));
  }, 120_000);
  afterAll(() => backend.close());

  it('overlays every patch of the run in batches', () => {
    expect(first).toEqual({ patches: 8, suspected: 5 });
  });

  it('splits a patch over two land-use polygons; touching PBF adds nothing', () => {
    const o = rows.a1.overlay;
    close(o.area_m2, 9000);
    closeMap(o.dlbm, { '0101': 5000, '0702': 4000 });
    close(o.farmland_m2, 5000);
    expect(o.pbf_m2).toBe(0);
    expect(rows.a1).toMatchObject({ rule: 'R3', severity: 'high', suspected: true });
  });

  it('a patch with a hole inside two overlapping PBF polygons counts the union once', () => {
    const o = rows.a2.overlay;
    close(o.area_m2, 7500);
    closeMap(o.dlbm, { '0101': 7500 });
    close(o.pbf_m2, 7500);
    expect(rows.a2).toMatchObject({ rule: 'R2', severity: 'severe', suspected: true });
    expect(rows.a2.rule_trace.fractions.pbf).toBeCloseTo(1, 3);
    expect(rows.a2.rule_trace.reason.zh).toContain('100%位于永久基本农田内');
  });

  it('a multipolygon under two overlapping approvals: union 7500 of 14000, both numbers, R1', () => {
    const o = rows.a3.overlay;
    close(o.area_m2, 14000);
    closeMap(o.dlbm, { '0702': 10000, '0301A': 4000 });
    close(o.approved_m2, 7500);
    expect(o.approvals).toEqual(['PZ-1', 'PZ-2']);
    expect(rows.a3).toMatchObject({ rule: 'R1', severity: 'none', suspected: false });
  });

  it('a 2 m × 200 m sliver across three land-use polygons and a PBF edge', () => {
    const o = rows.a4.overlay;
    close(o.area_m2, 600);
    closeMap(o.dlbm, { '0101': 150, '0702': 150, '0301A': 300 });
    close(o.pbf_m2, 75);
    expect(rows.a4).toMatchObject({ rule: 'R2', suspected: true });
  });

  it('a patch touching land use and the red line only along edges has zero overlay', () => {
    const o = rows.a5.overlay;
    close(o.area_m2, 2500);
    expect(o.dlbm).toEqual({});
    expect([o.pbf_m2, o.approved_m2, o.redline_m2, o.farmland_m2]).toEqual([0, 0, 0, 0]);
    expect(rows.a5).toMatchObject({ rule: 'R5', suspected: false });
  });

  it('a patch equal to a red-line polygon (covers shortcut) on forest: R4', () => {
    const o = rows.a6.overlay;
    close(o.redline_m2, 2500);
    closeMap(o.dlbm, { '0301A': 2500 });
    close(o.agri_eco_m2, 2500);
    expect(rows.a6).toMatchObject({ rule: 'R4', severity: 'medium', suspected: true });
  });

  it('two overlapping PBF polygons each cover 750 of 1000 m²: the union is 1000, not 1500', () => {
    close(rows.a7.overlay.pbf_m2, 1000);
    expect(rows.a7.rule).toBe('R2');
  });

  it('a 100 m² patch on farmland is below the 400 m² minimum: R0', () => {
    close(rows.a8.overlay.area_m2, 100);
    expect(rows.a8).toMatchObject({ rule: 'R0', suspected: false });
    expect(rows.a8.rule_trace.checked).toEqual(['R0']);
  });

  it('piece areas from the area share match ST_Area(ST_Intersection(...)::geography) to 0.01 m²', async () => {
    const tri = wkt([[[120, 10], [290, 40], [160, 95], [120, 10]]]);
    await addPatches(db, 'run-d', { d1: tri });
    await overlayPatches(db, 'run-d');
    const { rows: o } = await db.query<{ overlay: Overlay }>("SELECT overlay FROM patches WHERE run_id = 'run-d'");
    const { rows: exact } = await db.query<{ dlbm: string; m2: number; pbf: number }>(
      `SELECT f.dlbm, ST_Area(ST_Intersection(p.geom, f.geom)::geography) AS m2, ST_Area(p.geom::geography) AS pbf
       FROM patches p JOIN layer_features f ON ST_Intersects(p.geom, f.geom) JOIN layers l ON l.id = f.layer_id AND l.kind = 'landuse' AND l.version = 1
       WHERE p.run_id = 'run-d' AND ST_Area(ST_Intersection(p.geom, f.geom)::geography) > 0.5`,
    );
    expect(exact.map((r) => r.dlbm).sort()).toEqual(Object.keys(o[0].overlay.dlbm).sort());
    for (const r of exact) expect(Math.abs(o[0].overlay.dlbm[r.dlbm] - r.m2)).toBeLessThan(0.01);
  });

  it('is idempotent, honours patchIds and a custom rule set', async () => {
    await overlayPatches(db, 'run-a');
    const again = Object.fromEntries((await db.query<Row>(PATCH_ROWS, ['run-a'])).rows.map((r) => [r.patch_key, r]));
    expect(again).toEqual(rows);
    const strict = { ...DEFAULT_RULES, rules: DEFAULT_RULES.rules.map((r) => (r.id === 'R5' ? { ...r, suspected: true, severity: 'medium' as const } : r)) };
    expect(await overlayPatches(db, 'run-a', { rules: strict, patchIds: [ids.a5] })).toEqual({ patches: 1, suspected: 1 });
    await overlayPatches(db, 'run-a', { patchIds: [ids.a5] });
  });

  it('keeps the layer versions first recorded for a run after a re-import', async () => {
    await addPatches(db, 'run-b', { b1: FIXTURE_PATCHES.a1 });
    await recordRunLayers(db, 'run-b');
    await addLayer(db, 'landuse', [{ fid: 1, dlbm: '0702', wkt: wkt([rect(0, 0, 400, 200)]) }], 2);
    expect(await recordRunLayers(db, 'run-b')).toEqual([]);
    await overlayPatches(db, 'run-b');
    const { rows: b } = await db.query<Row>(PATCH_ROWS, ['run-b']);
    closeMap(b[0].overlay.dlbm, { '0101': 5000, '0702': 4000 });
    await addPatches(db, 'run-c', { c1: FIXTURE_PATCHES.a1 });
    await overlayPatches(db, 'run-c');
    const { rows: c } = await db.query<Row>(PATCH_ROWS, ['run-c']);
    closeMap(c[0].overlay.dlbm, { '0702': 9000 });
  });

  it('creates one clue per suspected patch with stable JCBH, once', async () => {
    const opts = { xzqdm: '330106', xzqmc: '西湖区', qsx: '2023-12-01', hsx: '20240630' };
    expect(await createClues(db, 'run-a', opts)).toEqual({ created: 5, existing: 0 });
    expect(await createClues(db, 'run-a', opts)).toEqual({ created: 0, existing: 5 });
    const { rows: clues } = await db.query<{ jcbh: string; patch_key: string; record: Record<string, unknown>; events: number }>(
      `SELECT c.jcbh, p.patch_key, c.record, (SELECT count(*) FROM clue_events e WHERE e.jcbh = c.jcbh AND e.status = 'suspected' AND e.actor = 'landwatch')::int AS events
       FROM clues c JOIN patches p ON p.id = c.patch_id WHERE c.run_id = 'run-a' ORDER BY c.jcbh`,
    );
    expect(clues.map((c) => [c.jcbh, c.patch_key])).toEqual([
      ['330106202400001', 'a1'],
      ['330106202400002', 'a2'],
      ['330106202400003', 'a4'],
      ['330106202400004', 'a6'],
      ['330106202400005', 'a7'],
    ]);
    expect(clues.every((c) => c.events === 1)).toBe(true);
    const a2 = clues[1].record;
    expect(a2).toMatchObject({ JCBH: '330106202400002', XZQDM: '330106', XZQMC: '西湖区', QSX: '2023-12-01', HSX: '2024-06-30', SFYN: true, SFHX: false, RULE: 'R2', SEVERITY: 'severe', TBLX: 'vegetation_to_built' });
    close(a2.TBMJ as number, 7500);
    close(a2.TBMJ_MU as number, 11.25);
    close(a2.JBNTMJ as number, 7500);
    close(a2.GDMJ as number, 7500);
    expect(a2.DLBM_AREAS).toEqual([{ DLBM: '0101', MJ: expect.any(Number), MJ_MU: expect.any(Number) }]);
    expect(a2.REASON).toContain('永久基本农田');
    expect(Array.isArray(a2.RULE_TRACE)).toBe(true);
    expect(a2.CENTROID_LON as number).toBeGreaterThan(113.99);
    expect(a2.CENTROID_LON as number).toBeLessThan(114.01);
    expect(clues[0].record).toMatchObject({ SFYN: false, GDMJ: expect.any(Number) });
    expect(clues[3].record).toMatchObject({ SFHX: true });
    // a later run of the same county-year continues the sequence
    expect(await createClues(db, 'run-b', opts)).toEqual({ created: 1, existing: 0 });
    const { rows: b } = await db.query<{ jcbh: string }>("SELECT jcbh FROM clues WHERE run_id = 'run-b'");
    expect(b.map((r) => r.jcbh)).toEqual(['330106202400006']);
  });

  it('ellipsoidal area of a 100 m square in EPSG:4526 agrees with GeographicLib within 0.1 %', async () => {
    const { rows: r } = await db.query<{ area: number; ring: { coordinates: number[][][] } }>(
      'SELECT ST_Area(g::geography) AS area, ST_AsGeoJSON(g, 12)::json AS ring FROM (SELECT ST_Transform(ST_GeomFromText($1, 4526), 4490) AS g) s',
      [wkt([rect(1000, 1000, 1100, 1100)]).replace('MULTIPOLYGON((', 'POLYGON(').replace(/\)\)$/, ')')],
    );
    const geod = new gl.Geodesic.Geodesic(6378137, 1 / 298.257222101);
    const poly = geod.Polygon(false);
    for (const [lon, lat] of r[0].ring.coordinates[0].slice(0, -1)) poly.AddPoint(lat, lon);
    const ref = Math.abs(poly.Compute(false, true).area ?? NaN);
    expect(Math.abs(r[0].area - ref) / ref).toBeLessThan(0.001);
    expect(Math.abs(r[0].area - 10000) / 10000).toBeLessThan(0.001);
  });
});

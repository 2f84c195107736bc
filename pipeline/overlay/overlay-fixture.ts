/**
 * Test fixture for the overlay: small layers and patches drawn as rectangles in EPSG:4526 (CGCS2000
 * 3° Gauss-Krüger zone 38, central meridian 114°E) metres around (38 500 000, 3 300 000), stored in
 * 4490 like real imports. Near the central meridian the zone's scale factor is 1, so the hand-computed
 * planar areas below equal the ellipsoidal ones to well under 0.01 %.
 */
import type { Db } from '../store/db.ts';

const X0 = 38_500_000;
const Y0 = 3_300_000;

type Ring = [number, number][];
/** Rectangle [x0, x1] × [y0, y1] in metres from the fixture origin, as a closed ring. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

/** WKT of polygons (each a list of rings: outer first, then holes) in EPSG:4526. */
export function wkt(...polygons: Ring[][]): string {
  const ring = (r: Ring) => `(${r.map(([x, y]) => `${X0 + x} ${Y0 + y}`).join(', ')})`;
  return `MULTIPOLYGON(${polygons.map((p) => `(${p.map(ring).join(', ')})`).join(', ')})`;
}

export interface FixtureFeature {
  fid: number;
  dlbm?: string;
  approvalNo?: string;
  wkt: string;
}

const INSERT_LAYER = "INSERT INTO layers (kind, version, name, source, is_current) VALUES ($1, $2, $3, 'test fixture', true) RETURNING id";
const CLEAR_CURRENT = 'UPDATE layers SET is_current = false WHERE kind = $1 AND is_current';
const INSERT_FEATURES = `INSERT INTO layer_features (layer_id, fid, dlbm, approval_no, geom)
SELECT $1, f.fid, f.dlbm, f.approval_no, (ST_Dump(ST_Transform(ST_GeomFromText(f.wkt, 4526), 4490))).geom
FROM jsonb_to_recordset($2::jsonb) AS f(fid integer, dlbm text, approval_no text, wkt text)`;

/** Adds a new current version of a layer kind with the given features. Returns the layer id. */
export async function addLayer(db: Db, kind: string, features: FixtureFeature[], version = 1): Promise<number> {
  await db.query(CLEAR_CURRENT, [kind]);
  const { rows } = await db.query<{ id: string }>(INSERT_LAYER, [kind, version, `${kind} v${version}`]);
  const id = Number(rows[0].id);
  const json = features.map((f) => ({ fid: f.fid, dlbm: f.dlbm ?? null, approval_no: f.approvalNo ?? null, wkt: f.wkt }));
  await db.query(INSERT_FEATURES, [id, JSON.stringify(json)]);
  return id;
}

const INSERT_RUN = 'INSERT INTO runs (id) VALUES ($1) ON CONFLICT DO NOTHING';
const INSERT_PATCHES = `INSERT INTO patches (run_id, patch_key, geom, area_m2, change_type)
SELECT $1, p.key, ST_Multi(ST_Transform(ST_GeomFromText(p.wkt, 4526), 4490)), 0, 'vegetation_to_built'
FROM jsonb_to_recordset($2::jsonb) AS p(key text, wkt text)
RETURNING id, patch_key`;

/** Creates the run if needed and inserts patches; returns patch ids by key. */
export async function addPatches(db: Db, runId: string, patches: Record<string, string>): Promise<Record<string, number>> {
  await db.query(INSERT_RUN, [runId]);
  const json = Object.entries(patches).map(([key, w]) => ({ key, wkt: w }));
  const { rows } = await db.query<{ id: string; patch_key: string }>(INSERT_PATCHES, [runId, JSON.stringify(json)]);
  return Object.fromEntries(rows.map((r) => [r.patch_key, Number(r.id)]));
}

/** The layers of the overlay tests (see overlay-patches.test.ts for the expected areas). */
export async function addFixtureLayers(db: Db): Promise<void> {
  await addLayer(db, 'landuse', [
    { fid: 1, dlbm: '0101', wkt: wkt([rect(0, 0, 200, 100)]) },
    { fid: 2, dlbm: '0702', wkt: wkt([rect(200, 0, 400, 100)]) },
    // one feature subdivided into two pieces sharing fid 3
    { fid: 3, dlbm: '0301A', wkt: wkt([rect(0, 100, 200, 200)], [rect(200, 100, 400, 200)]) },
  ]);
  await addLayer(db, 'farmland', [
    { fid: 1, wkt: wkt([rect(0, 0, 100, 50)], [rect(0, 50, 100, 100)]) },
    { fid: 2, wkt: wkt([rect(50, 0, 150, 100)]) },
  ]);
  await addLayer(db, 'approved', [
    { fid: 1, approvalNo: 'PZ-1', wkt: wkt([rect(300, 0, 400, 50)]) },
    { fid: 2, approvalNo: 'PZ-2', wkt: wkt([rect(350, 0, 400, 100)]) },
  ]);
  await addLayer(db, 'redline', [{ fid: 1, wkt: wkt([rect(0, 150, 50, 200)]) }]);
}

export const FIXTURE_PATCHES: Record<string, string> = {
  a1: wkt([rect(150, 0, 240, 100)]),
  a2: wkt([rect(0, 0, 100, 100), rect(25, 25, 75, 75).reverse() as Ring]),
  a3: wkt([rect(300, 0, 400, 100)], [rect(300, 120, 400, 160)]),
  a4: wkt([rect(100, 98.5, 300, 101.5)]),
  a5: wkt([rect(0, 200, 50, 250)]),
  a6: wkt([rect(0, 150, 50, 200)]),
  a7: wkt([rect(25, 10, 125, 20)]),
  a8: wkt([rect(10, 10, 20, 20)]),
};

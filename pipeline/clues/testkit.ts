/**
 * Test support (not a test): a seeded run with patches, clues and 'suspected' events shaped like
 * create-clues writes them. Patches are squares near
 * (120.1°E, 30.2°N), ~`sideM` metres across, in EPSG:4490.
 */
import type { Db } from '../store/db.ts';

export interface SeedClue {
  severity?: 'none' | 'medium' | 'high' | 'severe';
  tblx?: string;
  gdmj?: number;
  /** Square side in metres. Default 40. */
  sideM?: number;
  xzqdm?: string;
  suspected?: boolean;
  /** Patch geometry as WKT in EPSG:4490 (MULTIPOLYGON); default a square near 120.1°E 30.2°N. */
  wkt?: string;
  /** false: only the patch (e.g. an approved construction), no clue. Default true. */
  clue?: boolean;
}

/** Inserts a run and one patch + clue + 'suspected' event per entry; returns the JCBHs of the clues. */
export async function seedRun(db: Db, runId: string, clues: SeedClue[], opts: { year?: number } = {}): Promise<string[]> {
  await db.query('INSERT INTO runs (id, status, region) VALUES ($1, $2, $3)', [runId, 'finished', clues[0]?.xzqdm ?? '330106']);
  const jcbhs: string[] = [];
  for (const [i, c] of clues.entries()) {
    const side = c.sideM ?? 40;
    const lon0 = 120.1 + (i % 10) * 0.002;
    const lat0 = 30.2 + Math.floor(i / 10) * 0.002;
    const dLon = side / (111320 * Math.cos((lat0 * Math.PI) / 180));
    const dLat = side / 110574;
    const wkt = c.wkt ?? `MULTIPOLYGON(((${lon0} ${lat0},${lon0 + dLon} ${lat0},${lon0 + dLon} ${lat0 + dLat},${lon0} ${lat0 + dLat},${lon0} ${lat0})))`;
    const tblx = c.tblx ?? 'vegetation_to_built';
    const gdmj = c.gdmj ?? side * side * 0.6;
    const { rows } = await db.query<{ id: string; area: number; lon: number; lat: number }>(
      `INSERT INTO patches (run_id, patch_key, geom, area_m2, change_type, severity, suspected, overlay)
       VALUES ($1, $2, ST_GeomFromText($3, 4490), 0, $4, $5, $6, $7)
       RETURNING id, ST_Area(geom::geography) AS area, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat`,
      [runId, `k${i}`, wkt, tblx, c.severity ?? 'high', c.suspected ?? true, { farmland_m2: gdmj, agri_eco_m2: gdmj, pbf_m2: gdmj / 2, approved_m2: 0, approvals: [], redline_m2: 0, dlbm: { '0101': gdmj } }],
    );
    const p = rows[0];
    await db.query('UPDATE patches SET area_m2 = $2 WHERE id = $1', [p.id, p.area]);
    if (c.clue === false) continue;
    const xzqdm = c.xzqdm ?? '330106';
    const year = opts.year ?? 2026;
    const jcbh = `${xzqdm}${year}${String(i + 1).padStart(5, '0')}`;
    const record = {
      JCBH: jcbh, XZQDM: xzqdm, XZQMC: '西湖区', QSX: '2025-03-01', HSX: '2026-03-01',
      TBMJ: p.area, TBMJ_MU: p.area / (10000 / 15), GDMJ: gdmj, GDMJ_MU: gdmj / (10000 / 15), JBNTMJ: gdmj / 2, JBNTMJ_MU: gdmj / 2 / (10000 / 15),
      SFYN: true, SFHX: false, TBLX: tblx,
      DLBM_AREAS: { '0101': gdmj, '0702': p.area - gdmj },
      APPROVALS: [], RULE: 'farmland_to_construction', SEVERITY: c.severity ?? 'high',
      REASON: '耕地上新增建设，无批准用地。', RULE_TRACE: [{ rule: 'farmland_to_construction', fired: true }],
      CENTROID_LON: p.lon, CENTROID_LAT: p.lat,
    };
    await db.query('INSERT INTO clues (jcbh, run_id, patch_id, xzqdm, year, seq, record) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      jcbh, runId, p.id, xzqdm, year, i + 1, record,
    ]);
    await db.query("INSERT INTO clue_events (jcbh, status, actor, reason) VALUES ($1, 'suspected', 'landwatch', 'detected')", [jcbh]);
    jcbhs.push(jcbh);
  }
  return jcbhs;
}

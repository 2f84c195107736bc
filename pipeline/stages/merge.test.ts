/**
 * The merge stage on real PostgreSQL + PostGIS, with the test scene uncut and cut by a tile border
 * through its smallest patch: the parts, one under the minimum area, come out joined as one patch
 * the size of the uncut one, and no fragment is left.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitTiff } from '../../fixtures/split-tiff.ts';
import { inProcessExecutor } from '../../workers/in-process.ts';
import { sceneRun, sceneTestEnv, type SceneTestEnv } from '../../workers/bullmq/testing.ts';

let t: SceneTestEnv;
let whole: string;

beforeAll(async () => {
  t = await sceneTestEnv('merge');
  whole = await sceneRun(t.store, t.dir, t.scene, { importLayers: false });
  expect((await inProcessExecutor(t.store, { threads: 1 }).run(whole)).run.status).toBe('finished');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('merge stage', () => {
  it('joins a small change that a tile border cut into parts under the minimum area', async () => {
    const { grid } = t.scene;
    const smallest = (
      await t.store.query<{ id: string; area_m2: number; x0: number; x1: number }>(
        `SELECT id, area_m2, ST_XMin(g) AS x0, ST_XMax(g) AS x1
         FROM (SELECT id, area_m2, ST_Transform(geom, $2::int) AS g FROM patches WHERE run_id = $1) s ORDER BY area_m2 LIMIT 1`,
        [whole, grid.crs],
      )
    ).rows[0];
    // Under 400 m² (a razed house) and cut near its east end: that part is under the 200 m² minimum
    // (without edge fragments the tiled run has no patch there). Not through its middle: what marks
    // the house, its shadow that left with none staying beside it, lies west and north of it and is
    // judged only where a tile holds it whole (orphanShadows).
    expect(smallest.area_m2).toBeLessThan(400);
    const at = Math.round((smallest.x0 + 0.85 * (smallest.x1 - smallest.x0) - grid.originX) / grid.resX);
    const { dir, scene: m } = t;
    const before = await splitTiff(join(dir, m.files.before), at, join(dir, 'b-west.tif'), join(dir, 'b-east.tif'));
    const after = await splitTiff(join(dir, m.files.after), at, join(dir, 'a-west.tif'), join(dir, 'a-east.tif'));
    const tiled = await sceneRun(t.store, dir, m, { importLayers: false, before, after });
    expect((await inProcessExecutor(t.store, { threads: 1 }).run(tiled)).run.status).toBe('finished');
    const joined = await t.store.query<{ area_m2: number; merged_from: string[] | null }>(
      `SELECT p.area_m2, p.props->'merged_from' AS merged_from FROM patches p, patches r
       WHERE p.run_id = $1 AND r.id = $2 AND ST_Intersects(p.geom, r.geom)`,
      [tiled, smallest.id],
    );
    expect(joined.rows).toHaveLength(1);
    expect(joined.rows[0].merged_from).toHaveLength(2);
    expect(Math.abs(joined.rows[0].area_m2 - smallest.area_m2)).toBeLessThan(0.05 * smallest.area_m2);
    const count = async (runId: string) => (await t.store.query('SELECT 1 FROM patches WHERE run_id = $1', [runId])).rowCount;
    expect(await count(tiled)).toBe(await count(whole));
    expect((await t.store.query('SELECT 1 FROM patches WHERE run_id = $1 AND fragment', [tiled])).rowCount).toBe(0);
  });
});

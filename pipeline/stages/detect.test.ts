/**
 * The detect stage's batches on real PostgreSQL + PostGIS: a batch detects all its units; a unit
 * whose detection throws is retried alone (the others are done and skipped), then failed for good;
 * a unit reading a corrupt tile fails for good at once and its batch goes on.
 */
import { copyFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTiffHeader } from '../../geo/tiff/read-header.ts';
import type { HaloWindow } from '../../geo/types.ts';
import { openFileSource } from '../../geo/tiff/source-file.ts';
import { sceneRun, sceneTestEnv, stageContext, type SceneTestEnv } from '../../workers/bullmq/testing.ts';
import { pendingUnitBatches, UnitsFailedError } from './detect.ts';
import { closeCachedPairs } from './pair-cache.ts';
import { recordFailure, runStage, runUnitBatch } from './run-stage.ts';

let t: SceneTestEnv;
const ctx = () => stageContext(t.store);
const units = async (runId: string) =>
  (await t.store.query<{ unit_id: string; status: string; attempts: number; error: string | null; win: HaloWindow }>('SELECT unit_id, status, attempts, error, win FROM units WHERE run_id = $1 ORDER BY unit_id', [runId])).rows;

async function cutRun(after?: string): Promise<string> {
  const runId = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, ...(after ? { after: [after] } : {}) });
  for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId }, ctx());
  return runId;
}

beforeAll(async () => {
  t = await sceneTestEnv('detectstage');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('detect stage', () => {
  it('retries only the unit that failed, then fails it for good', async () => {
    const runId = await cutRun();
    const batches = await pendingUnitBatches(t.store, runId);
    expect(batches).toHaveLength(16); // 16 units of 256²: one a batch, to spread over workers
    expect(batches.flat().sort()).toEqual((await units(runId)).map((u) => u.unit_id));
    const all = batches.flat(); // one batch of them all, to see the others go on
    const broken = all[5];
    await t.store.query(`UPDATE units SET win = '{"core":{"x":0,"y":0,"width":-1,"height":-1},"outer":{"x":0,"y":0,"width":-1,"height":-1}}' WHERE run_id = $1 AND unit_id = $2`, [runId, broken]);
    const input = { runId, unitIds: all };
    const attempt = async (final: boolean) => {
      const err = await runUnitBatch(input, ctx()).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(UnitsFailedError);
      expect((err as UnitsFailedError).failures.map((f) => f.unitId)).toEqual([broken]);
      await recordFailure(ctx(), 'detect', input, err, final);
    };
    await attempt(false);
    let rows = await units(runId);
    expect(rows.filter((u) => u.status === 'done')).toHaveLength(all.length - 1);
    expect(rows.find((u) => u.unit_id === broken)).toMatchObject({ status: 'pending', attempts: 1 });
    await attempt(true);
    rows = await units(runId);
    expect(rows.find((u) => u.unit_id === broken)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(rows.filter((u) => u.status === 'done')).toHaveLength(all.length - 1);
    expect(await runUnitBatch(input, ctx())).toEqual({ pieces: 0, skipped: all.length });
    expect(await pendingUnitBatches(t.store, runId)).toEqual([]);
  });

  it('fails the units that read a corrupt tile at once and detects the rest of their batch', async () => {
    // Cut on a good copy of the later date, then garbage over the compressed bytes of one tile in its middle.
    const bad = join(t.dir, 'after-bad-tile.tif');
    copyFileSync(join(t.dir, t.scene.files.after), bad);
    const runId = await cutRun(bad);
    await closeCachedPairs(); // the fit's decoded tiles go with the pair
    const src = await openFileSource(bad);
    const header = await readTiffHeader(src);
    await src.close();
    const across = Math.ceil(header.info.width / header.info.blockWidth);
    const tile = Math.floor(across / 2) * across + Math.floor(across / 2);
    const fd = openSync(bad, 'r+');
    writeSync(fd, Buffer.alloc(header.counts[tile], 0x5a), 0, header.counts[tile], header.offsets[tile]);
    closeSync(fd);
    const out = await runUnitBatch({ runId, unitIds: (await pendingUnitBatches(t.store, runId)).flat() }, ctx());
    const rows = await units(runId);
    const failed = rows.filter((u) => u.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    // Only units whose reads (outer window and co-registration margin) reach that tile.
    const { blockWidth: bw, blockHeight: bh } = header.info;
    const [tx, ty] = [(tile % across) * bw, Math.floor(tile / across) * bh];
    for (const u of failed) {
      expect(u.attempts).toBe(1);
      expect(u.error).toMatch(/after-bad-tile\.tif.*corrupt/);
      const o = u.win.outer;
      expect(o.x - 4 < tx + bw && tx < o.x + o.width + 4 && o.y - 4 < ty + bh && ty < o.y + o.height + 4).toBe(true);
    }
    expect(rows.filter((u) => u.status === 'done')).toHaveLength(rows.length - failed.length);
    expect(out).toMatchObject({ skipped: 0 });
  });
});

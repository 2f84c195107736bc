/**
 * The cut stage on real PostgreSQL + PostGIS with a scene in two tiles: each pair's unit batches go
 * to unitsReady as soon as that pair is cut; a second cut (a retry) fits no pair again but hands over
 * the units still pending. The two tiles share one scene model, each with its own misregistration;
 * tiles of two acquisitions do not, whether their names date them or the shared normalisation does
 * not fit one of them (a tile whose ground mostly changed still does); a tile too narrow to estimate
 * its misregistration takes the imagery's. The detect stage is not done while pairs remain to be
 * cut. A queue executor's cut (startCut, then a runCutPair per pair) settles the stage with its last
 * pair, and fails the run when no pair could be used.
 */
import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneRun, sceneTestEnv, stageContext, type SceneTestEnv } from '../../workers/bullmq/testing.ts';
import { splitTiff } from '../../fixtures/split-tiff.ts';
import { writeTiff } from '../../fixtures/tiff-writer.ts';
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import { closeCachedPairs } from './pair-cache.ts';
import { runCutPair, runStage, runUnitBatch, startCut } from './run-stage.ts';
import type { CutOutput } from './cut.ts';
import { runStatus } from '../runs/run-status.ts';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { sql } from '../store/load-sql.ts';

let t: SceneTestEnv;
let runId: string;
let westBefore: string;
let tiles: { before: string[]; after: string[] };
const ctx = (extra: Parameters<typeof stageContext>[1] = {}) => stageContext(t.store, extra);
const unitsOf = async (pair: string | null) =>
  (await t.store.query<{ unit_id: string }>("SELECT unit_id FROM units WHERE run_id = $1 AND status = 'pending' AND ($2::text IS NULL OR pair_id = $2) ORDER BY unit_id", [runId, pair])).rows.map((r) => r.unit_id);

const modelsOf = async (id: string) =>
  (await t.store.query<{ model: SceneModel }>('SELECT model FROM pairs WHERE run_id = $1 ORDER BY pair_id', [id])).rows.map((r) => r.model);

beforeAll(async () => {
  t = await sceneTestEnv('cutstage');
  const { dir, scene: m } = t;
  const half = m.width / 2;
  const before = await splitTiff(join(dir, m.files.before), half, join(dir, 'b-west.tif'), join(dir, 'b-east.tif'));
  const after = await splitTiff(join(dir, m.files.after), half, join(dir, 'a-west.tif'), join(dir, 'a-east.tif'));
  westBefore = before[0];
  tiles = { before, after };
  runId = await sceneRun(t.store, dir, m, { importLayers: false, before, after });
  for (const name of ['catalogue', 'pair'] as const) await runStage(name, { runId }, ctx());
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('cut stage', () => {
  it('hands each pair its unit batches as soon as it is cut', async () => {
    const calls: { batches: string[][]; pendingThen: string[] }[] = [];
    let detectStatus = '';
    const unitsReady = async (batches: string[][]) => {
      calls.push({ batches, pendingThen: await unitsOf(null) });
      if (calls.length > 1) return;
      // Every unit there is so far, detected: the detect stage is not done while pairs remain to cut.
      await runUnitBatch({ runId, unitIds: batches.flat() }, ctx());
      detectStatus = (await runStatus(t.store, runId)).stages.find((x) => x.stage === 'detect')!.status;
    };
    const out = (await runStage('cut', { runId }, ctx({ unitsReady }))) as CutOutput;
    expect(detectStatus).toBe('running');
    expect(out).toEqual({ pairs: 2, usable: 2 });
    expect(calls).toHaveLength(2);
    const pairs = calls.map((c) => new Set(c.batches.flat().map((u) => u.split('.')[0])));
    expect(pairs.every((p) => p.size === 1)).toBe(true);
    expect(pairs[0]).not.toEqual(pairs[1]);
    // The first pair's units were handed over before the second pair had any.
    expect(calls[0].pendingThen).toEqual([...calls[0].batches.flat()].sort());
    const all = (await t.store.query<{ unit_id: string }>('SELECT unit_id FROM units WHERE run_id = $1 ORDER BY unit_id', [runId])).rows.map((r) => r.unit_id);
    expect(calls.flatMap((c) => c.batches.flat()).sort()).toEqual(all);
  });

  it('gives the tiles of one scene one model, fitted once on samples of both, with each pair its own shift', async () => {
    const models = await modelsOf(runId);
    expect(models).toHaveLength(2);
    const shared = (await t.store.query<{ model: SceneModel }>('SELECT model FROM shared_models WHERE run_id = $1', [runId])).rows;
    expect(shared).toHaveLength(1);
    // The test scene's later date is about a pixel off on both axes: both halves and the shared
    // samples see it.
    for (const m of models) expect(m).toEqual(shared[0].model);
    expect(shared[0].model.shift).toEqual([1, -1]);
  });

  it("gives a tile too narrow for its own misregistration estimate the imagery's", async () => {
    const { dir, scene: m } = t;
    const at = m.width - 12; // windows of 12 px cannot vote
    const before = await splitTiff(join(dir, m.files.before), at, join(dir, 'b-wide.tif'), join(dir, 'b-thin.tif'));
    const after = await splitTiff(join(dir, m.files.after), at, join(dir, 'a-wide.tif'), join(dir, 'a-thin.tif'));
    const id = await sceneRun(t.store, dir, m, { importLayers: false, before, after });
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId: id }, ctx());
    const models = await modelsOf(id);
    expect(models).toHaveLength(2);
    for (const model of models) expect(model.shift).toEqual([1, -1]);
    // Its misfit under the shared model is measured on few pixels but stays under the bar.
    expect((await t.store.query<{ shared_model: boolean }>(sql('stages-pairs'), [id])).rows.map((r) => r.shared_model)).toEqual([true, true]);
  });

  it('gives a tile with a misregistration of its own that shift, with the shared model', async () => {
    // The east tile's later date one pixel further east: its pixel x shows what x − 1 showed.
    const east = join(t.dir, 'a-east-shifted.tif');
    const src = await openTiff(tiles.after[1]);
    try {
      const { grid, bandCount, bandDescriptions } = src.info;
      const w = grid.width;
      await writeTiff(
        { path: east, width: w, height: grid.height, bands: bandCount, sampleType: 'uint16', grid, predictor: 2, bandDescriptions: bandDescriptions.map((d, i) => d ?? `band ${i + 1}`) },
        async (y, h) => (await src.readWindow({ x: 0, y, width: w, height: h })).bands.map((b) => Uint16Array.from(b, (_, i) => b[i % w === 0 ? i : i - 1])),
      );
    } finally {
      await src.close();
    }
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, before: tiles.before, after: [tiles.after[0], east] });
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId: id }, ctx());
    const rows = (await t.store.query<{ after_path: string; model: SceneModel; shared_model: boolean }>(sql('stages-pairs'), [id])).rows;
    const [west, shifted] = [tiles.after[0], east].map((f) => rows.find((r) => r.after_path === f)!);
    expect(west.model.shift).toEqual([1, -1]);
    expect(shifted.model.shift).toEqual([0, -1]);
    expect([west.shared_model, shifted.shared_model]).toEqual([true, true]);
    expect(shifted.model.gain).toEqual(west.model.gain);
  });

  it('fits tiles of other acquisitions (dates in the file names) a model each', async () => {
    const dated = (f: string, date: string) => {
      const to = f.replace(/\.tif$/, `_${date}.tif`);
      copyFileSync(f, to);
      return to;
    };
    const before = [dated(tiles.before[0], '20230105'), dated(tiles.before[1], '20230611')];
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, before, after: tiles.after });
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId: id }, ctx());
    const [west, east] = await modelsOf(id);
    expect(west.threshold).not.toBe(east.threshold);
    expect((await t.store.query('SELECT 1 FROM shared_models WHERE run_id = $1', [id])).rowCount).toBe(0);
  });

  /** The east tile's later date with the pixels left of column `upTo` 30 % brighter. */
  const brighterEast = async (name: string, upTo: (width: number) => number): Promise<string> => {
    const out = join(t.dir, name);
    const src = await openTiff(tiles.after[1]);
    try {
      const { grid, bandCount, bandDescriptions } = src.info;
      const x1 = upTo(grid.width);
      await writeTiff(
        { path: out, width: grid.width, height: grid.height, bands: bandCount, sampleType: 'uint16', grid, predictor: 2, bandDescriptions: bandDescriptions.map((d, i) => d ?? `band ${i + 1}`) },
        async (y, h) => (await src.readWindow({ x: 0, y, width: grid.width, height: h })).bands.map((b) => Uint16Array.from(b, (v, i) => (i % grid.width < x1 ? v * 1.3 : v))),
      );
    } finally {
      await src.close();
    }
    return out;
  };
  const cutWithEast = async (east: string) => {
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, before: tiles.before, after: [tiles.after[0], east] });
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId: id }, ctx());
    const shared = (await t.store.query<{ model: SceneModel }>('SELECT model FROM shared_models WHERE run_id = $1', [id])).rows;
    expect(shared).toHaveLength(1);
    // The summary's pair table says which pairs kept the shared model.
    const flags = (await t.store.query<{ shared_model: boolean }>(sql('stages-pairs'), [id])).rows.map((r) => r.shared_model);
    return { models: await modelsOf(id), shared: shared[0].model, flags };
  };

  it('fits a tile of another acquisition with no date in its name a model of its own', async () => {
    // The east half's later date as another acquisition would be: 30 % brighter throughout.
    const { models: [west, own], shared, flags } = await cutWithEast(await brighterEast('a-east-brighter.tif', (w) => w));
    expect(flags).toEqual([true, false]);
    expect(west.gain).toEqual(shared.gain);
    // Its own fit maps the brighter date back: gains about 1/1.3 of the other tile's.
    for (let b = 0; b < own.bandCount; b++) expect(own.gain[b] / west.gain[b]).toBeCloseTo(1 / 1.3, 1);
  });

  it('keeps the shared model for a tile whose ground mostly changed', async () => {
    // 85 % of the east tile brightened, as a large building site would: change, not another acquisition.
    const { models: [west, east], flags } = await cutWithEast(await brighterEast('a-east-changed.tif', (w) => Math.round(0.85 * w)));
    expect(flags).toEqual([true, true]);
    expect(east.gain).toEqual(west.gain);
  });

  it('fits no pair again when cut runs twice, and hands over only what is still pending', async () => {
    const [first] = await (async () => {
      const got: string[][][] = [];
      await runStage('cut', { runId }, ctx({ unitsReady: async (b) => void got.push(b) }));
      return got;
    })();
    await runUnitBatch({ runId, unitIds: first.flat() }, ctx());
    // A tile gone missing would fail a pair that is fitted again: the retry must not reopen it.
    await closeCachedPairs();
    renameSync(westBefore, `${westBefore}.away`);
    try {
      const got: string[][][] = [];
      await runStage('cut', { runId }, ctx({ unitsReady: async (b) => void got.push(b) }));
      expect(got[0]).toEqual([]); // that pair's units are all done
      expect(got[1].flat().sort()).toEqual(await unitsOf(null));
      expect((await runStatus(t.store, runId)).problems).toEqual([]);
    } finally {
      renameSync(`${westBefore}.away`, westBefore);
    }
  });

  it('as jobs: startCut lists the pairs, each pair job hands over its units, the last one settles the stage', async () => {
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, ...tiles });
    for (const name of ['catalogue', 'pair'] as const) await runStage(name, { runId: id }, ctx());
    const { pairIds, unitBatches } = await startCut({ runId: id }, ctx());
    expect(pairIds).toHaveLength(2);
    expect(unitBatches).toEqual([]);
    const cutStage = async () => (await runStatus(t.store, id)).stages.find((x) => x.stage === 'cut')!;
    const handed: string[][][] = [];
    await runCutPair({ runId: id, pairId: pairIds[0] }, ctx({ unitsReady: async (b) => void handed.push(b) }));
    expect(await cutStage()).toMatchObject({ status: 'running', done: 1, total: 2 });
    await runCutPair({ runId: id, pairId: pairIds[1] }, ctx({ unitsReady: async (b) => void handed.push(b) }));
    expect(await cutStage()).toMatchObject({ status: 'done' });
    expect(handed).toHaveLength(2);
    expect(handed.flat(2).length).toBeGreaterThan(0);
    // Run again (a redelivered job): nothing is fitted again, and the stage stays done.
    await runCutPair({ runId: id, pairId: pairIds[0] }, ctx());
    expect(await cutStage()).toMatchObject({ status: 'done' });
  });

  it('as jobs: fails the run with the last pair when no pair could be used, and clears the problems once the pairs work', async () => {
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false, ...tiles });
    for (const name of ['catalogue', 'pair'] as const) await runStage(name, { runId: id }, ctx());
    const { pairIds } = await startCut({ runId: id }, ctx());
    await closeCachedPairs();
    const moved = [...tiles.before];
    for (const f of moved) renameSync(f, `${f}.away`);
    try {
      await runCutPair({ runId: id, pairId: pairIds[0] }, ctx());
      await expect(runCutPair({ runId: id, pairId: pairIds[1] }, ctx())).rejects.toMatchObject({ code: 'NO_OVERLAP' });
      expect((await runStatus(t.store, id)).problems).toHaveLength(2);
    } finally {
      for (const f of moved) renameSync(`${f}.away`, f);
    }
    // The tiles back (a resumed run): both pairs are cut, and their problems are gone.
    for (const pairId of pairIds) await runCutPair({ runId: id, pairId }, ctx());
    const status = await runStatus(t.store, id);
    expect(status.problems).toEqual([]);
    expect(status.stages.find((x) => x.stage === 'cut')).toMatchObject({ status: 'done' });
  });
});

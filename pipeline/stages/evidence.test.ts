/**
 * The evidence stage on real PostgreSQL + PostGIS: batches render the clues' chips into the store
 * and queue each clue for delivery once, with its evidence; a batch run twice changes nothing; a
 * failed batch leaves nothing behind (a run problem when it failed for good) and its retry
 * completes it; the export writes the same
 * files as rendering in the exporting process does.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneRun, sceneTestEnv, stageContext, type SceneTestEnv } from '../../workers/bullmq/testing.ts';
import { renderEvidence } from '../evidence/render-evidence.ts';
import { evidenceClues, pendingEvidenceBatches } from './evidence.ts';
import { recordFailure, runEvidenceBatch, runExport, runStage, runUnitBatch } from './run-stage.ts';
import { runStatus } from '../runs/run-status.ts';

let t: SceneTestEnv;
let runId: string;
const ctx = (signal = new AbortController().signal) => stageContext(t.store, { signal });

const outbox = async (id: string) =>
  (
    await t.store.query<{ jcbh: string; version: number; evidence: number }>(
      "SELECT o.jcbh, o.version, jsonb_array_length(o.payload->'EVIDENCE')::int AS evidence FROM outbox o JOIN clues c ON c.jcbh = o.jcbh WHERE c.run_id = $1 ORDER BY o.jcbh, o.version",
      [id],
    )
  ).rows;
const evidenceRows = async (id: string) =>
  (await t.store.query<{ jcbh: string; kind: string; sha256: string; created_at: Date }>('SELECT v.jcbh, v.kind, v.sha256, v.created_at FROM clue_evidence v JOIN clues c ON c.jcbh = v.jcbh WHERE c.run_id = $1 ORDER BY 1, 2', [id])).rows;

async function runThroughClues(id: string): Promise<void> {
  for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId: id }, ctx());
  const units = (await t.store.query<{ unit_id: string }>('SELECT unit_id FROM units WHERE run_id = $1', [id])).rows;
  for (const u of units) await runUnitBatch({ runId: id, unitIds: [u.unit_id] }, ctx());
  for (const name of ['merge', 'overlay', 'clues'] as const) await runStage(name, { runId: id }, ctx());
}

beforeAll(async () => {
  t = await sceneTestEnv('evstage');
  runId = await sceneRun(t.store, t.dir, t.scene);
  await runThroughClues(runId);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('evidence stage', () => {
  it('queues nothing before the evidence is rendered', async () => {
    expect((await evidenceClues(t.store, runId)).length).toBeGreaterThan(0);
    expect(await outbox(runId)).toEqual([]);
  });

  it('a failed batch records and queues nothing; its retry renders and queues each clue once', async () => {
    const [batch] = await pendingEvidenceBatches(t.store, runId);
    const after = join(t.dir, t.scene.files.after);
    renameSync(after, `${after}.away`);
    try {
      const err = await runEvidenceBatch(batch, ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      await recordFailure(ctx(), 'evidence', batch, err, true); // failed for good: a problem, not a failed run
    } finally {
      renameSync(`${after}.away`, after);
    }
    expect((await runStatus(t.store, runId)).problems.map((p) => p.subject)).toEqual([`clues ${batch.from}…${batch.to}`]);
    expect((await runStatus(t.store, runId)).run.status).not.toBe('failed');
    const aborted = new AbortController();
    aborted.abort(new Error('timeout'));
    await expect(runEvidenceBatch(batch, ctx(aborted.signal))).rejects.toThrow('timeout');
    expect(await evidenceRows(runId)).toEqual([]);
    expect(await outbox(runId)).toEqual([]);

    for (const b of await pendingEvidenceBatches(t.store, runId)) await runEvidenceBatch(b, ctx());
    expect(await pendingEvidenceBatches(t.store, runId)).toEqual([]);
    expect((await runStatus(t.store, runId)).problems).toEqual([]); // the retry cleared it
    await runStage('evidence', { runId }, ctx());
    const clues = await evidenceClues(t.store, runId);
    const queued = await outbox(runId);
    expect(queued.map((q) => q.jcbh)).toEqual(clues.map((c) => c.jcbh)); // each clue exactly once …
    expect(queued.every((q) => q.version === 1 && q.evidence >= 3)).toBe(true); // … as version 1, with chips and page
  }, 120_000);

  it('changes nothing when a batch runs again', async () => {
    const before = await evidenceRows(runId);
    const clues = await evidenceClues(t.store, runId);
    expect(await runEvidenceBatch({ runId, from: clues[0].jcbh, to: clues.at(-1)!.jcbh }, ctx())).toMatchObject({ queued: 0 });
    expect(await runStage('evidence', { runId }, ctx())).toEqual({ queued: 0 });
    expect(await evidenceRows(runId)).toEqual(before);
    expect((await outbox(runId)).every((q) => q.version === 1)).toBe(true);
  }, 60_000);

  it('the export writes the stored chips: the same files as rendering where the export runs', async () => {
    const out = await runExport({ runId }, ctx());
    expect(out.evidence?.error).toBeUndefined();
    const clues = JSON.parse(readFileSync(join(out.outDir, 'clues.geojson'), 'utf8')) as { features: { properties: { JCBH: string; EVIDENCE: { kind: string; path: string }[] } }[] };
    expect(out.evidence?.clues).toBe(clues.features.length);
    const c = clues.features[0].properties;
    expect(c.EVIDENCE.find((e) => e.kind === 'before_true')?.path).toBe(join(out.outDir, 'evidence', c.JCBH, 'before_true.png'));
    const html = readFileSync(join(out.outDir, 'evidence', c.JCBH, 'index.html'), 'utf8');
    expect(html).toContain('data:image/png;base64,');
    expect(html).toContain(t.scene.XZQMC);

    const local = mkdtempSync(join(tmpdir(), 'lw-evlocal-'));
    try {
      await renderEvidence(t.store, runId, { outDir: local, beforePath: join(t.dir, t.scene.files.before), afterPath: join(t.dir, t.scene.files.after), jcbhs: [c.JCBH] });
      for (const kind of ['before_true', 'after_true', 'before_false', 'after_false']) {
        expect(readFileSync(join(local, 'evidence', c.JCBH, `${kind}.png`)).equals(readFileSync(join(out.outDir, 'evidence', c.JCBH, `${kind}.png`)))).toBe(true);
      }
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  }, 60_000);

  it('with --no-evidence: no batches, and the stage still queues every clue', async () => {
    const id = await sceneRun(t.store, t.dir, t.scene, { importLayers: false });
    await t.store.query(`UPDATE runs SET params = params || '{"evidence": false}'::jsonb WHERE id = $1`, [id]);
    await runThroughClues(id);
    expect(await pendingEvidenceBatches(t.store, id)).toEqual([]);
    await runStage('evidence', { runId: id }, ctx());
    const queued = await outbox(id);
    expect(queued.length).toBe((await evidenceClues(t.store, id)).length);
    expect(queued.every((q) => q.version === 1 && q.evidence === 0)).toBe(true);
    expect((await runExport({ runId: id, evidence: false }, ctx())).evidence).toBeUndefined();
    // An export that wants evidence (resume) renders what the stage did not; the receiver gets it as version 2.
    const out = await runExport({ runId: id }, ctx());
    expect(out.evidence?.clues).toBe(queued.length);
    expect((await outbox(id)).filter((q) => q.version === 2 && q.evidence > 0).length).toBe(queued.length);
  }, 120_000);
});

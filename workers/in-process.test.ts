/**
 * The in-process executor on real PostgreSQL + PostGIS (fails when missing): a whole run from
 * catalogue to export; every handler run a second time changes nothing; a run interrupted midway
 * continues from the database state to the same result.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvidenceBatch, runStage, runUnitBatch, runExport } from '../pipeline/stages/run-stage.ts';
import { EVIDENCE_BATCH, evidenceClues } from '../pipeline/stages/evidence.ts';
import type { EvidenceBatchInput } from '../pipeline/runs/run-params.ts';
import { cluesStage, RUN_STAGES, type RunStageName } from '../pipeline/stages/index.ts';
import { inProcessExecutor } from './in-process.ts';
import { reportRun } from '../pipeline/report/report-run.ts';
import { runDigest, sceneRun, sceneTestEnv, stageContext, type SceneTestEnv } from './bullmq/testing.ts';

let t: SceneTestEnv;
let firstRun: string;
let reference: string[];
/** Every batch of a run's clues, rendered or not (pendingEvidenceBatches keeps only unrendered ones). */
async function everyEvidenceBatch(runId: string): Promise<EvidenceBatchInput[]> {
  const rows = await evidenceClues(t.store, runId);
  const out: EvidenceBatchInput[] = [];
  for (let i = 0; i < rows.length; i += EVIDENCE_BATCH) out.push({ runId, from: rows[i].jcbh, to: rows[Math.min(rows.length, i + EVIDENCE_BATCH) - 1].jcbh });
  return out;
}
const ctx = () => stageContext(t.store);

/** Pixels the run's unit pictures counted (see CellSums). */
async function picturedPixels(runId: string): Promise<number> {
  const { rows } = await t.store.query<{ picture: Uint8Array }>('SELECT picture FROM unit_pieces WHERE run_id = $1', [runId]);
  let n = 0;
  for (const r of rows) {
    const sums = new Float32Array(Uint8Array.from(r.picture).buffer);
    for (let k = 3; k < sums.length; k += 4) n += sums[k];
  }
  return n;
}

beforeAll(async () => {
  t = await sceneTestEnv('inproc');
});

afterAll(async () => {
  await t?.close();
});

describe('in-process executor', () => {
  it('runs catalogue → export and writes the four outputs', async () => {
    firstRun = await sceneRun(t.store, t.dir, t.scene);
    const s = await inProcessExecutor(t.store, { threads: 2 }).run(firstRun);
    expect(s.run.status).toBe('finished');
    expect(s.stages.filter((x) => x.stage !== 'export').every((x) => x.status === 'done')).toBe(true);
    expect(s.units.failed).toBe(0);
    reference = await runDigest(t.store, firstRun);
    expect(reference.length).toBeGreaterThan(0);

    const out = await runExport({ runId: firstRun }, ctx());
    for (const f of ['patches.geojson', 'clues.geojson', 'summary.md', 'run.json']) expect(existsSync(join(out.outDir, f))).toBe(true);
    const patches = JSON.parse(readFileSync(join(out.outDir, 'patches.geojson'), 'utf8'));
    expect(patches.features).toHaveLength(reference.length);
    const p = patches.features[0].properties;
    expect(typeof p.suspected_violation).toBe('boolean');
    expect(['none', 'medium', 'high', 'severe']).toContain(p.severity);
    expect(p.area_m2).toBeGreaterThan(0);
    const clues = JSON.parse(readFileSync(join(out.outDir, 'clues.geojson'), 'utf8'));
    expect(clues.features.length).toBe(patches.features.filter((f: { properties: { suspected_violation: boolean } }) => f.properties.suspected_violation).length);
    expect(clues.features.length).toBeGreaterThan(0);
    const c = clues.features[0].properties;
    expect(c.JCBH).toMatch(new RegExp(`^${t.scene.XZQDM}`));
    expect(c.STATUS).toBe('suspected'); // a validated clue.v1 record with status and history
    expect(c.HISTORY.length).toBeGreaterThan(0);
    expect(c.EVIDENCE.map((e: { kind: string }) => e.kind)).toContain('html'); // evidence is rendered before clues.geojson is written
    const summary = readFileSync(join(out.outDir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/\| county \(XZQDM\) \| severity \|/);
    expect(summary).toContain(`clues.geojson: ${clues.features.length} clue`);
    expect(summary).toContain('evidence/<JCBH>/index.html');
    // The overview map, from the pictures every unit recorded: each scene pixel counted once.
    expect(summary).toContain('![overview](overview.png)');
    expect(out.files).toContain(join(out.outDir, 'overview.png'));
    const map = await sharp(join(out.outDir, 'overview.png')).metadata();
    expect(Math.max(map.width!, map.height!)).toBe(1024);
    expect(await picturedPixels(firstRun)).toBe(t.scene.width * t.scene.height);
    const report = await reportRun(t.store, firstRun, { outDir: mkdtempSync(join(t.dir, 'report-')) });
    expect(report.files.map((f) => basename(f))).toEqual(['report.md', 'report.html', 'overview.png']);
    expect(readFileSync(report.files[1], 'utf8')).toContain('<img src="data:image/png;base64,');
    // The generated pair is misregistered by design: the summary names the correction the cut stage fitted.
    const [pair] = (await t.store.query<{ model: { shift?: number[] } }>('SELECT model FROM pairs WHERE run_id = $1', [firstRun])).rows;
    expect(pair.model.shift).toHaveLength(2);
    expect(summary).toMatch(/## Image pairs \(1\)/);
    expect(summary).toContain(`| before.tif → after.tif | ${t.scene.width} × ${t.scene.height} | ${pair.model.shift!.join(', ')} |`);
    // Evidence: a page and chips per clue, from the run's own before/after tiles.
    expect(out.evidence?.clues).toBe(clues.features.length);
    expect(out.evidence?.error).toBeUndefined();
    const page = join(out.outDir, 'evidence', c.JCBH, 'index.html');
    expect(existsSync(page)).toBe(true);
    expect(readdirSync(join(out.outDir, 'evidence', c.JCBH)).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
    // Transactional outbox: the evidence stage queued every clue once, as version 1 with its evidence.
    const queued = await t.store.query<{ version: number; n: number; with_evidence: number }>(
      "SELECT o.version, count(*)::int AS n, count(*) FILTER (WHERE jsonb_array_length(o.payload->'EVIDENCE') > 0)::int AS with_evidence FROM outbox o JOIN clues k ON k.jcbh = o.jcbh WHERE k.run_id = $1 GROUP BY o.version ORDER BY o.version",
      [firstRun],
    );
    expect(queued.rows).toEqual([{ version: 1, n: clues.features.length, with_evidence: clues.features.length }]);
    expect(JSON.parse(readFileSync(join(out.outDir, 'run.json'), 'utf8')).id).toBe(firstRun);
  });

  it('changes nothing when every handler runs a second time', async () => {
    const before = await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM clues WHERE run_id = $1', [firstRun]);
    for (const name of Object.keys(RUN_STAGES) as RunStageName[]) await runStage(name, { runId: firstRun }, ctx());
    const units = (await t.store.query<{ unit_id: string }>('SELECT unit_id FROM units WHERE run_id = $1', [firstRun])).rows;
    await t.store.query("UPDATE units SET status = 'pending' WHERE run_id = $1", [firstRun]); // force real re-detection
    for (const u of units) await runUnitBatch({ runId: firstRun, unitIds: [u.unit_id] }, ctx());
    for (const name of ['merge', 'overlay', 'clues'] as const) await runStage(name, { runId: firstRun }, ctx());
    for (const b of await everyEvidenceBatch(firstRun)) await runEvidenceBatch(b, ctx());
    await runStage('evidence', { runId: firstRun }, ctx());
    expect(await runDigest(t.store, firstRun)).toEqual(reference);
    const after = await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM clues WHERE run_id = $1', [firstRun]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await cluesStage.handler({ runId: firstRun }, ctx())).toMatchObject({ created: 0 });
    const outbox = await t.store.query<{ n: number; max: number }>('SELECT count(*)::int AS n, max(o.version) AS max FROM outbox o JOIN clues k ON k.jcbh = o.jcbh WHERE k.run_id = $1', [firstRun]);
    expect(outbox.rows[0]).toEqual({ n: before.rows[0].n, max: 1 }); // re-rendered evidence is unchanged: nothing queued again
  });

  it('continues an interrupted run from the database state to the same result', async () => {
    const runId = await sceneRun(t.store, t.dir, t.scene, { importLayers: false });
    for (const name of ['catalogue', 'pair', 'cut'] as const) await runStage(name, { runId }, ctx());
    const some = (await t.store.query<{ unit_id: string }>('SELECT unit_id FROM units WHERE run_id = $1 ORDER BY unit_id LIMIT 3', [runId])).rows;
    for (const u of some) await runUnitBatch({ runId, unitIds: [u.unit_id] }, ctx());
    const s = await inProcessExecutor(t.store, { threads: 1 }).run(runId);
    expect(s.run.status).toBe('finished');
    expect(await runDigest(t.store, runId)).toEqual(reference);
  });

  it('draws no overview map where the units recorded no pictures, and removes an earlier one', async () => {
    await t.store.query('UPDATE unit_pieces SET picture = NULL, picture_cells = NULL WHERE run_id = $1', [firstRun]);
    const dir = mkdtempSync(join(t.dir, 'nomap-'));
    writeFileSync(join(dir, 'overview.png'), 'an earlier map');
    const out = await runExport({ runId: firstRun, outDir: dir, evidence: false }, ctx());
    expect(out.files.map((f) => basename(f))).not.toContain('overview.png');
    expect(existsSync(join(dir, 'overview.png'))).toBe(false);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).not.toContain('overview.png');
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).overview).toBeNull();
    writeFileSync(join(dir, 'overview.png'), 'an earlier map');
    const report = await reportRun(t.store, firstRun, { outDir: dir });
    expect(report.files.map((f) => basename(f))).toEqual(['report.md', 'report.html']);
    expect(existsSync(join(dir, 'overview.png'))).toBe(false);
  });
});

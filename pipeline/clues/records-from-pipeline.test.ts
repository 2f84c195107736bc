/**
 * Clue records built from what the real pipeline writes: fixture layers, overlay + rules
 * (overlayPatches), clue creation (createClues), then the outbox, exports and report on top.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { addFixtureLayers, addPatches, FIXTURE_PATCHES } from '../overlay/overlay-fixture.ts';
import { overlayPatches } from '../overlay/overlay-patches.ts';
import { createClues } from './create-clues.ts';
import { loadClueRecords } from './load-clue-records.ts';
import { clueRecordProblems } from './validate-clue.ts';
import { enqueueClueRecords } from '../delivery/enqueue-clue-records.ts';
import { exportRun } from '../exports/export-run.ts';
import { summariseRun } from '../report/summarise-run.ts';

describe.each(testStores())('records from the pipeline on $name', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
    await addFixtureLayers(store);
    await addPatches(store, 'run-a', FIXTURE_PATCHES);
    await overlayPatches(store, 'run-a');
    await store.tx(async (t) => {
      await createClues(t, 'run-a', { xzqdm: '420102', xzqmc: '江岸区', qsx: '2025-04-01', hsx: '2026-04-01' });
      await enqueueClueRecords(t, 'run-a');
    });
  }, 120000);
  afterAll(() => backend.close());

  it('every created clue assembles into a valid clue.v1 record and is queued', async () => {
    const recs = await loadClueRecords(store, { runId: 'run-a' });
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(clueRecordProblems(r)).toEqual([]);
    const r = recs[0];
    expect(r.JCBH).toMatch(/^4201022026\d{5}$/);
    expect(r).toMatchObject({ XZQMC: '江岸区', QSX: '2025-04-01', HSX: '2026-04-01', STATUS: 'suspected', VERSION: 1 });
    expect(r.REASON.length).toBeGreaterThan(0);
    expect(r.RULE_TRACE.length).toBe(1);
    const { rows } = await store.query<{ n: string }>('SELECT count(*) n FROM outbox');
    expect(Number(rows[0].n)).toBe(recs.length);
  });

  it('exports and reports them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-pipe-'));
    const out = join(dir, 'a.geojson');
    const res = await exportRun(store, 'run-a', { format: 'geojson', out });
    expect(JSON.parse(readFileSync(out, 'utf8')).features).toHaveLength(res.count);
    const s = await summariseRun(store, 'run-a');
    expect(s.clues).toBe(res.count);
    expect(s.ratio.denominator_m2).toBeGreaterThan(0);
    expect(s.ratio.value).not.toBeNull();
  });
});

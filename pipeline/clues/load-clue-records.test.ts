import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { buildClueRecord, loadClueRecords, assertRunExists } from './load-clue-records.ts';
import { seedRun } from './testkit.ts';
import { clueRecordProblems } from './validate-clue.ts';

describe.each(testStores())('loadClueRecords on $name', (backend) => {
  let store: Store;
  let jcbhs: string[];
  beforeAll(async () => {
    store = await backend.open();
    jcbhs = await seedRun(store, 'r1', [{ severity: 'high' }, { severity: 'severe', sideM: 80 }, { severity: 'medium', xzqdm: '330108' }]);
  }, 120000);
  afterAll(() => backend.close());

  it('assembles valid clue.v1 records with geometry, status and history', async () => {
    const recs = await loadClueRecords(store, { runId: 'r1' });
    expect(recs.map((r) => r.JCBH)).toEqual([...jcbhs].sort());
    const r = recs[0];
    expect(clueRecordProblems(r)).toEqual([]);
    expect(r.geometry?.type).toBe('MultiPolygon');
    expect(r.STATUS).toBe('suspected');
    expect(r.HISTORY).toHaveLength(1);
    expect(r.VERSION).toBe(1);
    expect(r.TBMJ).toBeGreaterThan(1500);
    expect(r.TBMJ_MU).toBeCloseTo(r.TBMJ / (10000 / 15), 3);
    expect(r.DLBM_AREAS[0].DLBM).toBe('0101');
    expect(r.CENTROID.lon).toBeGreaterThan(120);
  });
  it('filters by severity, region, min area and bbox', async () => {
    expect((await loadClueRecords(store, { runId: 'r1', severities: ['severe'] })).length).toBe(1);
    expect((await loadClueRecords(store, { runId: 'r1', region: '330108' })).length).toBe(1);
    expect((await loadClueRecords(store, { runId: 'r1', minAreaM2: 5000 })).length).toBe(1);
    expect((await loadClueRecords(store, { runId: 'r1', bbox: [120.0995, 30.1995, 120.1005, 30.2005] })).length).toBe(1);
    expect(await loadClueRecords(store, { runId: 'r1', bbox: [0, 0, 1, 1] })).toEqual([]);
  });
  it('builds one record and refuses unknown runs', async () => {
    expect((await buildClueRecord(store, jcbhs[1])).SEVERITY).toBe('severe');
    await expect(assertRunExists(store, 'nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
  it('rejects an invalid record', () => {
    expect(clueRecordProblems({ schema: 'clue.v1' }).length).toBeGreaterThan(0);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as shapefile from 'shapefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { seedRun } from '../clues/testkit.ts';
import { importVerdicts } from '../verify/import-verdicts.ts';
import { parseCsv } from '../verify/parse-csv.ts';
import { clueRecordProblems } from '../clues/validate-clue.ts';
import { exportRun } from './export-run.ts';
import { signedArea2 } from './orient-rings.ts';

describe.each(testStores())('exportRun on $name', (backend) => {
  let store: Store;
  let jcbhs: string[];
  const dir = mkdtempSync(join(tmpdir(), 'lw-export-'));
  beforeAll(async () => {
    store = await backend.open();
    jcbhs = await seedRun(store, 'e1', [{ severity: 'high' }, { severity: 'severe', sideM: 90 }, { severity: 'medium', xzqdm: '330108' }]);
    await store.query("UPDATE clues SET record = record || '{\"REASON\":\"耕地上新建厂房，\\\"未批先建\\\"，=SUM(A1)\"}'::jsonb WHERE jcbh = $1", [jcbhs[0]]);
    await importVerdicts(store, [{ line: 1, jcbh: jcbhs[1], verdict: '违法', reason: '未批先建', by: '张三', at: '2026-05-01' }]);
  }, 120000);
  afterAll(() => backend.close());

  it('writes RFC 7946 GeoJSON with counter-clockwise exteriors and the latest verdict', async () => {
    const out = join(dir, `${backend.name}.geojson`);
    expect(await exportRun(store, 'e1', { format: 'geojson', out })).toMatchObject({ count: 3 });
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(signedArea2(fc.features[0].geometry.coordinates[0][0])).toBeGreaterThan(0);
    expect(fc.features.find((f: { id: string }) => f.id === jcbhs[1]).properties.VERDICT).toBe('违法');
  });

  it('writes CSV with BOM, quoting and CSV-injection guard', async () => {
    const out = join(dir, `${backend.name}.csv`);
    await exportRun(store, 'e1', { format: 'csv', out, filter: { severities: ['high', 'severe'] } });
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [head, ...rows] = parseCsv(text);
    expect(rows).toHaveLength(2);
    const reason = rows.find((r) => r[0] === jcbhs[0])![head.indexOf('REASON')];
    expect(reason).toBe('耕地上新建厂房，"未批先建"，=SUM(A1)');
    expect(rows.find((r) => r[0] === jcbhs[1])![head.indexOf('VERDICT')]).toBe('违法');
  });

  it('writes a shapefile that reads back with Chinese text, CGCS2000 .prj and .cpg', async () => {
    const out = join(dir, `${backend.name}.shp`);
    await exportRun(store, 'e1', { format: 'shapefile', out });
    expect(readFileSync(out.replace(/shp$/, 'prj'), 'utf8')).toContain('GCS_China_Geodetic_Coordinate_System_2000');
    expect(readFileSync(out.replace(/shp$/, 'cpg'), 'utf8')).toBe('UTF-8');
    const feats: { geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }[] = [];
    const src = await shapefile.open(out, out.replace(/shp$/, 'dbf'), { encoding: 'utf-8' });
    for (let r = await src.read(); !r.done; r = await src.read()) feats.push(r.value as never);
    expect(feats).toHaveLength(3);
    const f0 = feats.find((f) => f.properties.JCBH === jcbhs[0])!;
    expect(f0.properties.REASON).toBe('耕地上新建厂房，"未批先建"，=SUM(A1)');
    expect(f0.properties.XZQMC).toBe('西湖区');
    expect(f0.properties.SFYN).toBe('是');
    expect(f0.geometry.type).toBe('Polygon');
    expect(signedArea2(f0.geometry.coordinates[0])).toBeLessThan(0); // the reader keeps the stored ESRI winding: exterior clockwise
    expect(feats.find((f) => f.properties.JCBH === jcbhs[1])!.properties.VERDICT).toBe('违法');
  });

  it('writes validated clue.v1 records; an empty filter result is an empty valid file', async () => {
    const out = join(dir, `${backend.name}.ndjson`);
    await exportRun(store, 'e1', { format: 'records', out, filter: { region: '330106' } });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => clueRecordProblems(l).length === 0)).toBe(true);
    const empty = join(dir, `${backend.name}-empty.geojson`);
    expect(await exportRun(store, 'e1', { format: 'geojson', out: empty, filter: { bbox: [0, 0, 1, 1] } })).toMatchObject({ count: 0 });
    expect(JSON.parse(readFileSync(empty, 'utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
    const emptyShp = join(dir, `${backend.name}-empty.shp`);
    await exportRun(store, 'e1', { format: 'shapefile', out: emptyShp, filter: { minAreaM2: 1e9 } });
    const src = await shapefile.open(emptyShp);
    expect((await src.read()).done).toBe(true);
  });

  it('fails on an unknown run and on an unwritable output before any work', async () => {
    await expect(exportRun(store, 'nope', { format: 'csv', out: join(dir, 'x.csv') })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(exportRun(store, 'e1', { format: 'csv', out: join(dir, 'missing', 'x.csv') })).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    if (process.getuid?.() !== 0) {
      await expect(exportRun(store, 'e1', { format: 'shapefile', out: join(ro, 'x.shp') })).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    }
    await expect(exportRun(store, 'e1', { format: 'csv', out: dir })).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { seedRun } from '../clues/testkit.ts';
import { importVerdicts } from '../verify/import-verdicts.ts';
import { reportRun } from './report-run.ts';

describe.each(testStores())('reportRun on $name', (backend) => {
  let store: Store;
  let jcbhs: string[];
  beforeAll(async () => {
    store = await backend.open();
    // Clues with 1000, 500 and 300 m² of farmland; an approved construction patch with 5000 m²;
    // a pond (not construction) with 800 m².
    jcbhs = await seedRun(store, 'p1', [
      { severity: 'severe', gdmj: 1000 },
      { severity: 'high', gdmj: 500 },
      { severity: 'medium', gdmj: 300, tblx: 'vegetation_to_bare' },
      { gdmj: 5000, clue: false, suspected: false, severity: 'none' },
      { gdmj: 800, tblx: 'to_water', severity: 'medium' },
    ]);
  }, 120000);
  afterAll(() => backend.close());

  it('before verification: numerator is every suspected construction clue', async () => {
    const { summary, markdown } = await reportRun(store, 'p1');
    expect(summary.ratio.basis).toBe('suspected');
    expect(summary.ratio.numerator_m2).toBeCloseTo(1800, 6);
    expect(summary.ratio.denominator_m2).toBeCloseTo(6800, 6);
    expect(summary.ratio.value).toBeCloseTo(1800 / 6800, 9);
    expect(summary.ratio.flagged).toBe(true);
    expect(summary.clues).toBe(4);
    expect(markdown).toContain('达到问责线');
    expect(markdown).toContain('核查前');
  });

  it('after verification: only 违法 counts; writes Markdown and HTML with an SVG chart', async () => {
    const at = '2026-05-01';
    await importVerdicts(store, [
      { line: 1, jcbh: jcbhs[0], verdict: '合法', reason: '补办', by: 'a', at },
      { line: 2, jcbh: jcbhs[1], verdict: '违法', reason: '未批先建', by: 'a', at },
      { line: 3, jcbh: jcbhs[2], verdict: '其他', reason: '临时堆放', by: 'a', at },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'lw-report-'));
    const { summary, files } = await reportRun(store, 'p1', { outDir: dir });
    expect(summary.ratio.basis).toBe('verified');
    expect(summary.ratio.value).toBeCloseTo(500 / 6800, 9);
    expect(summary.ratio.flagged).toBe(false);
    expect(summary.byVerdict.find((v) => v.key === '违法')?.count).toBe(1);
    const html = readFileSync(files[1], 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('15.00 % 问责线');
    expect(readFileSync(files[0], 'utf8')).toContain('核查后');
  });

  it('draws no overview map for a run without image pairs, and removes an earlier one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-map-'));
    writeFileSync(join(dir, 'overview.png'), 'an earlier map');
    const { files, overviewError } = await reportRun(store, 'p1', { outDir: dir });
    expect(files.map((f) => basename(f))).toEqual(['report.md', 'report.html']);
    expect(overviewError).toBeUndefined();
    expect(existsSync(join(dir, 'overview.png'))).toBe(false);
  });

  it('errors on an unknown run and an unwritable directory', async () => {
    await expect(reportRun(store, 'nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(reportRun(store, 'p1', { outDir: '/nonexistent/dir' })).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
  });
});

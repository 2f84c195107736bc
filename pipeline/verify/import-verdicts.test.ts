import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { seedRun } from '../clues/testkit.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';
import { importVerdicts } from './import-verdicts.ts';
import { parseVerdictText, readVerdictFile } from './read-verdict-file.ts';
import { parseVerdictTime } from './parse-verdict-time.ts';

describe('parsing verification files', () => {
  it('reads CSV with BOM, quotes, CRLF and Chinese headers', () => {
    const rows = parseVerdictText('\uFEFF监测编号,核查结论,理由,核查人,核查时间\r\nA1,违法,"未批先建, 已立案",张三,2026-05-01 10:00\r\nA2,合法,"含""引号""",李四,2026/5/2\r\n', 'csv');
    expect(rows).toEqual([
      { line: 1, jcbh: 'A1', verdict: '违法', reason: '未批先建, 已立案', by: '张三', at: '2026-05-01 10:00' },
      { line: 2, jcbh: 'A2', verdict: '合法', reason: '含"引号"', by: '李四', at: '2026/5/2' },
    ]);
  });
  it('reads JSON arrays and lines, and GBK CSV as Excel saves it', async () => {
    expect(parseVerdictText('{"JCBH":"A","verdict":"其他","by":"x"}\n{"JCBH":"B","verdict":"违法","by":"y"}', 'json').map((r) => r.jcbh)).toEqual(['A', 'B']);
    const dir = mkdtempSync(join(tmpdir(), 'lw-verify-'));
    const f = join(dir, 'v.csv');
    writeFileSync(f, iconv.encode('JCBH,verdict,reason,by,at\nA1,违法,占用耕地,王五,2026-05-03\n', 'gbk'));
    expect((await readVerdictFile(f))[0]).toMatchObject({ verdict: '违法', reason: '占用耕地', by: '王五' });
  });
  it('reads times as China Standard Time unless an offset is given', () => {
    expect(parseVerdictTime('2026-05-01 10:00')).toBe('2026-05-01T10:00:00+08:00');
    expect(parseVerdictTime('2026年5月1日')).toBe('2026-05-01T00:00:00+08:00');
    expect(parseVerdictTime('2026-05-01T02:00:00Z')).toBe('2026-05-01T02:00:00Z');
    expect(parseVerdictTime('2026-02-31')).toBeNull();
    expect(parseVerdictTime('yesterday')).toBeNull();
  });
});

describe.each(testStores())('importVerdicts on $name', (backend) => {
  let store: Store;
  let jcbhs: string[];
  beforeAll(async () => {
    store = await backend.open();
    jcbhs = await seedRun(store, 'v1', [{}, {}, {}]);
  }, 120000);
  afterAll(() => backend.close());

  it('appends judged events for good rows, reports bad rows, bumps versions and enqueues', async () => {
    const rows = parseVerdictText(
      [
        'JCBH,verdict,reason,by,at',
        `${jcbhs[0]},违法,未批先建,张三,2026-05-01 10:00`,
        `${jcbhs[1]},合法,有批文,李四,2026-05-02`,
        `NOPE123,违法,x,张三,2026-05-02`,
        `${jcbhs[2]},maybe,x,张三,2026-05-02`,
        `${jcbhs[2]},其他,x,,2026-05-02`,
        `${jcbhs[2]},其他,x,赵六,someday`,
      ].join('\n'),
      'csv',
    );
    const res = await importVerdicts(store, rows);
    expect(res.imported).toBe(2);
    expect(res.enqueued).toBe(2);
    expect(res.rejected.map((r) => [r.line, r.problem.split(' ')[0]])).toEqual([
      [3, 'unknown'],
      [4, 'bad'],
      [5, 'missing'],
      [6, 'unreadable'],
    ]);
    const recs = await loadClueRecords(store, { runId: 'v1' });
    const r0 = recs.find((r) => r.JCBH === jcbhs[0])!;
    expect(r0).toMatchObject({ STATUS: 'judged', VERDICT: '违法', VERSION: 2 });
    expect(r0.HISTORY.map((h) => h.status)).toEqual(['suspected', 'judged']);
    expect(r0.HISTORY[1]).toMatchObject({ actor: '张三', reason: '未批先建', at: '2026-05-01T02:00:00.000Z' });
    const { rows: ob } = await store.query<{ jcbh: string; version: number }>('SELECT jcbh, version FROM outbox ORDER BY jcbh');
    expect(ob).toEqual([{ jcbh: jcbhs[0], version: 2 }, { jcbh: jcbhs[1], version: 2 }]);
    // Importing the same file again changes nothing.
    const again = await importVerdicts(store, rows);
    expect(again).toMatchObject({ imported: 0, unchanged: 2, enqueued: 0 });
  });
});

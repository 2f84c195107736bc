/**
 * The export, report, verify and deliver commands as a user runs them: a child process with the same
 * wiring as main.ts (commander + fail.ts) but only these four commands, so the test does not depend
 * on the rest of the CLI. Real PostgreSQL, in the test's own schema (LANDWATCH_DB_SCHEMA).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../pipeline/store/db.ts';
import { testStores, TEST_DATABASE_URL } from '../../../pipeline/store/test-helpers.ts';
import { seedRun } from '../../../pipeline/clues/testkit.ts';
import { enqueueClueRecords } from '../../../pipeline/delivery/enqueue-clue-records.ts';
import { startReceiver } from '../../../pipeline/delivery/test-receiver.ts';

const CLI = resolve(import.meta.dirname, '..');
const ENTRY = `
import { Command } from 'commander';
import { reportFailure } from '${CLI}/fail.ts';
import { registerExport } from '${CLI}/commands/export.ts';
import { registerReport } from '${CLI}/commands/report.ts';
import { registerVerify } from '${CLI}/commands/verify.ts';
import { registerDeliver } from '${CLI}/commands/deliver.ts';
const program = new Command('landwatch');
for (const register of [registerExport, registerReport, registerVerify, registerDeliver]) register(program);
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); } catch (err) { reportFailure(err); }
`;
const [backend] = testStores().filter((b) => b.name === 'postgres');
let store: Store;
let jcbhs: string[];
let env: NodeJS.ProcessEnv;
const dir = mkdtempSync(join(tmpdir(), 'lw-cli-'));

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, ...args], { env: { ...env, ...extraEnv }, timeout: 60000 }, (err, stdout, stderr) => {
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  store = await backend.open();
  jcbhs = await seedRun(store, 'c1', [{ severity: 'high' }, { severity: 'severe' }, { severity: 'medium' }]);
  await enqueueClueRecords(store, 'c1');
  env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, LANDWATCH_DB_SCHEMA: backend.options.schema };
}, 60000);
afterAll(() => backend.close());

describe('landwatch export / report / verify / deliver', () => {
  it('exports each format, filters, and fails cleanly on bad input', async () => {
    const csv = join(dir, 'c1.csv');
    const r = await run(['export', 'c1', '--format', 'csv', '--severity', 'high,severe', '--out', csv]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('exported 2 clue(s)');
    expect(readFileSync(csv, 'utf8').charCodeAt(0)).toBe(0xfeff);
    expect((await run(['export', 'c1', '--format', 'shapefile', '--out', join(dir, 'c1.shp')])).code).toBe(0);
    expect(existsSync(join(dir, 'c1.cpg'))).toBe(true);
    const none = await run(['export', 'c1', '--format', 'records', '--region', '9999', '--out', join(dir, 'none.ndjson')]);
    expect(none.stdout).toContain('exported 0');
    expect(readFileSync(join(dir, 'none.ndjson'), 'utf8')).toBe('');
    const unknown = await run(['export', 'nope', '--format', 'csv', '--out', join(dir, 'x.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^landwatch: run nope not found\n$/);
    const unwritable = await run(['export', 'c1', '--format', 'geojson', '--out', '/nonexistent/x.geojson']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('does not exist');
    expect((await run(['export', 'c1', '--format', 'kml', '--out', join(dir, 'x.kml')])).code).toBe(2);
    const noImages = await run(['export', 'c1', '--format', 'evidence', '--out', dir]);
    expect(noImages.code).toBe(2);
    expect(noImages.stderr).toContain('give --before and --after');
    const oscd = '/work/shared/data/real/oscd/beihai';
    const ev = await run(['export', 'c1', '--format', 'evidence', '--out', dir, '--before', `${oscd}/A.tif`, '--after', `${oscd}/B.tif`]);
    expect(ev.stdout).toContain('evidence for 3 clue(s)');
    expect(ev.stdout).toContain('3 outside both images'); // the seeded clues lie near 120.1°E, beihai is at 109.5°E
    expect((await run(['export', 'c1', '--format', 'csv', '--bbox', '1,2,3', '--out', join(dir, 'x.csv')])).code).toBe(2);
  }, 120000);

  it('imports verdicts (exit 3 with a row table when some are bad), then reports', async () => {
    const f = join(dir, 'verdicts.csv');
    writeFileSync(f, `JCBH,verdict,reason,by,at\n${jcbhs[0]},违法,未批先建,张三,2026-05-01\nNOPE,违法,x,张三,2026-05-01\n${jcbhs[1]},合法?,x,张三,2026-05-01\n`);
    const r = await run(['verify', 'import', f]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('imported 1 verdict(s)');
    expect(r.stderr).toContain('unknown JCBH');
    expect(r.stderr).toContain('bad verdict');
    const md = await run(['report', 'c1']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# 卫片执法线索汇总');
    expect(md.stdout).toContain('部分核查');
    const out = await run(['report', 'c1', '--out', dir]);
    expect(out.stdout).toContain('report.html');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');
  }, 120000);

  it('delivers the outbox with --once and signs with --secret-env', async () => {
    const rx = await startReceiver({ fail5xx: 0.2, secret: 'k1' });
    try {
      const r = await run(['deliver', '--to', rx.url, '--secret-env', 'LW_SECRET', '--once', '--timeout', '2000'], { LW_SECRET: 'k1' });
      // 3 clues at v1, the judged one at v2, then all 3 again after evidence was added (4 + 3 = 7).
      expect(r.stdout).toMatch(/delivered 7, rejected 0/);
      expect(r.code).toBe(0);
      expect(rx.badSignatures).toBe(0);
      expect([...rx.processed.keys()]).toContain(`${jcbhs[0]}:2`);
      const missing = await run(['deliver', '--to', rx.url, '--secret-env', 'LW_NOT_SET', '--once']);
      expect(missing.code).toBe(2);
    } finally {
      await rx.close();
    }
  }, 120000);
});

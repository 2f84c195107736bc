/**
 * `landwatch run`, `status` and `resume` as a person types them (child processes, real PostgreSQL
 * in a fresh schema; fails when PostgreSQL is missing).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneManifest } from '../../../fixtures/scene/generate-scene.ts';
import { queueTestEnv, testScene, type QueueTestEnv } from '../../bullmq/testing.ts';

const BIN = fileURLToPath(new URL('../../../bin/landwatch.js', import.meta.url));
let t: QueueTestEnv;
let dir: string;
let m: SceneManifest;

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { env, maxBuffer: 1 << 24 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await queueTestEnv();
  dir = mkdtempSync(join(tmpdir(), 'lw-cli-run-'));
  m = await testScene(dir, 512, 7);
});

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('landwatch run / status / resume', () => {
  it('runs in-process, writes the outputs, and status shows every stage done', async () => {
    const env = { ...t.env, REDIS_URL: '' };
    const out = join(dir, 'out');
    const f = (k: string) => join(dir, m.files[k]);
    const r = await cli(
      ['run', '--before', f('before'), '--after', f('after'), '--landuse', f('landuse'), '--farmland', f('farmland'), '--approved', f('approved'),
        '--region', m.XZQDM, '--qsx', m.QSX, '--hsx', m.HSX, '--window', '256', '--out', out, '--no-evidence', '-q'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    for (const file of ['patches.geojson', 'clues.geojson', 'summary.md', 'run.json']) expect(existsSync(join(out, file))).toBe(true);
    const runId = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).id as string;
    expect(r.stderr).toContain(`run ${runId} finished`);
    expect(existsSync(join(out, 'evidence'))).toBe(false); // --no-evidence
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('evidence: not rendered');

    const s = await cli(['status', runId], env);
    expect(s.code).toBe(0);
    for (const stage of ['catalogue', 'pair', 'cut', 'detect', 'merge', 'overlay', 'clues', 'export']) expect(s.stdout).toMatch(new RegExp(`^${stage}\\s+done`, 'm'));

    const again = await cli(['resume', runId, '-q'], env); // a finished run: nothing to do but export again
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`run ${runId} finished`);
    expect(again.stderr).toContain(join(out, 'evidence')); // resume exports with evidence
    expect(existsSync(join(out, 'evidence'))).toBe(true);
  });

  it('fails in one line with exit 2 on bad input', async () => {
    const env = { ...t.env, REDIS_URL: '' };
    const missing = await cli(['run', '--before', join(dir, 'nope.tif'), '--after', join(dir, m.files.after), '--out', join(dir, 'o2')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const noWait = await cli(['run', '--before', join(dir, m.files.before), '--after', join(dir, m.files.after), '--out', join(dir, 'o3'), '--no-wait'], env);
    expect(noWait.code).toBe(2);
    expect(noWait.stderr).toMatch(/--no-wait needs a queue/);
    const unknown = await cli(['status', 'r-does-not-exist'], env);
    expect(unknown.code).toBe(2);
  });
});

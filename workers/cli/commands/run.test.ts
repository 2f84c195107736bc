/**
 * `landwatch run`, `status` and `resume` as a person types them (child processes, real PostgreSQL
 * in a fresh schema; fails when PostgreSQL is missing).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneManifest } from '../../../fixtures/scene/generate-scene.ts';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { queueTestEnv, testScene, type QueueTestEnv } from '../../bullmq/testing.ts';
import { boxesOverlap, pixelBox, SAMPLE_DIR, writeCloudOver } from './cloud-mask-fixture.ts';

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

  it('picks up a tile\'s sidecar cloud mask, records it in the catalogue, and drops the change under the cloud', async () => {
    const env = { ...t.env, REDIS_URL: '' };
    const tiles = join(dir, 'masked');
    mkdirSync(tiles);
    for (const f of ['before.tif', 'after.tif']) copyFileSync(join(SAMPLE_DIR, f), join(tiles, f));
    const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features;
    const base = await cli(['detect', '--before', join(tiles, 'before.tif'), '--after', join(tiles, 'after.tif'), '--out', join(dir, 'base.geojson'), '-q'], env);
    expect(base.code, base.stderr).toBe(0);
    const unmasked = read(join(dir, 'base.geojson'));
    const target = unmasked[Math.floor(unmasked.length / 2)];
    const mask = join(tiles, 'after.mask.tif');
    const cloud = await writeCloudOver(mask, target);

    const out = join(dir, 'out-masked');
    const layer = (k: string) => join(SAMPLE_DIR, `${k}.geojson`);
    // The mask is listed like a tile (a glob over the folder would list it): it is the sidecar, not a tile.
    const r = await cli(
      ['run', '--before', join(tiles, 'before.tif'), '--after', join(tiles, 'after.tif'), mask, '--landuse', layer('landuse'), '--farmland', layer('farmland'),
        '--approved', layer('approved'), '--out', out, '--no-evidence', '-q'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const runId = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).id as string;
    const images = await t.store.query<{ role: string; path: string; mask_path: string | null }>('SELECT role, path, mask_path FROM images WHERE run_id = $1 ORDER BY role', [runId]);
    expect(images.rows).toEqual([
      { role: 'after', path: join(tiles, 'after.tif'), mask_path: mask },
      { role: 'before', path: join(tiles, 'before.tif'), mask_path: null },
    ]);
    const patches: Feature<Polygon | MultiPolygon>[] = read(join(out, 'patches.geojson'));
    expect(patches.filter((f) => boxesOverlap(pixelBox(f), cloud))).toEqual([]);
    expect(patches.length).toBe(unmasked.length - 1);
  });
});

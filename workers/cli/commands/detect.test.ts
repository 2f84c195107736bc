/**
 * `landwatch detect` with cloud masks, as a person types it (child processes on the sample scene):
 * a cloud over a planted change removes that patch and leaves the others; a bad mask is one line,
 * exit 2 and no output.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTiff } from '../../../fixtures/tiff-writer.ts';
import type { Grid } from '../../../geo/types.ts';
import { boxesOverlap, pixelBox, SAMPLE_DIR, sampleGrid, writeCloudOver } from './cloud-mask-fixture.ts';

const BIN = fileURLToPath(new URL('../../../bin/landwatch.js', import.meta.url));
const before = join(SAMPLE_DIR, 'before.tif');
const after = join(SAMPLE_DIR, 'after.tif');
let dir: string;
let unmasked: Feature<Polygon>[];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function detect(out: string, extra: string[] = []): Promise<{ code: number; stderr: string; patches: Feature<Polygon>[] }> {
  const r = await cli(['detect', '--before', before, '--after', after, '--out', out, '--threads', '2', ...extra]);
  const patches = r.code === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection<Polygon>).features : [];
  return { code: r.code, stderr: r.stderr, patches };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lw-cli-detect-'));
  const r = await detect(join(dir, 'unmasked.geojson'));
  expect(r.code, r.stderr).toBe(0);
  unmasked = r.patches;
  expect(unmasked.length).toBeGreaterThanOrEqual(3);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('landwatch detect --after-mask', () => {
  it('a cloud over a planted change removes that patch; the other patches stay', async () => {
    const target = unmasked[Math.floor(unmasked.length / 2)];
    const mask = join(dir, 'after.mask.tif');
    const cloud = await writeCloudOver(mask, target);
    expect(unmasked.filter((f) => boxesOverlap(pixelBox(f), cloud))).toEqual([target]);

    const r = await detect(join(dir, 'masked.geojson'), ['--after-mask', mask]);
    expect(r.code, r.stderr).toBe(0);
    const ids = r.patches.map((f) => f.id);
    expect(ids).not.toContain(target.id);
    expect(ids).toEqual(unmasked.filter((f) => f !== target).map((f) => f.id));
    const cloudPx = (cloud[2] - cloud[0]) * (cloud[3] - cloud[1]);
    expect(r.stderr).toContain(`${r.patches.length} patches → `);
    expect(r.stderr).toContain(`; ${cloudPx} px masked (`);
  });

  it('fails in one line with exit 2 and writes nothing for a missing, multi-band or far-away mask', async () => {
    const far = join(dir, 'far.mask.tif');
    const farGrid: Grid = { ...sampleGrid, originX: sampleGrid.originX + 50_000, width: 8, height: 8 };
    await writeTiff({ path: far, width: 8, height: 8, bands: 1, sampleType: 'uint8', grid: farGrid }, (_y, h) => [new Uint8Array(h * 8)]);
    for (const [flag, mask, why] of [
      ['--before-mask', join(dir, 'nope.mask.tif'), /nope\.mask\.tif: file not found/],
      ['--after-mask', before, /before\.tif: a mask needs exactly one band, it has 4/],
      ['--after-mask', far, /far\.mask\.tif: mask does not overlap .*after\.tif/],
    ] as const) {
      const out = join(dir, `bad-${flag}.geojson`);
      const r = await detect(out, [flag, mask]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(why);
      expect(existsSync(out)).toBe(false);
    }
  });
});

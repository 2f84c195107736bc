/**
 * Evidence end to end on a real Sentinel-2 pair (OSCD beihai, 10 m, EPSG:4326): clues are placed on
 * the blocks where the OSCD label shows most change. Set LW_CHIP_DIR to keep the output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { seedRun } from '../clues/testkit.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';
import { enqueueClueRecords } from '../delivery/enqueue-clue-records.ts';
import { renderClueChips, renderEvidence } from './render-evidence.ts';

const DIR = '/work/shared/data/real/oscd/beihai';
const before = join(DIR, 'A.tif');
const after = join(DIR, 'B.tif');

/** WKT squares (EPSG:4326 ≈ 4490) over the `n` 24-px blocks with the most changed label pixels. */
async function changedBlocks(n: number): Promise<string[]> {
  const r = await openTiff(before);
  const g = r.info.grid;
  await r.close();
  const label = (await (await (await fromFile(join(DIR, 'label.tif'))).getImage()).readRasters())[0] as ArrayLike<number>;
  const B = 24;
  const scores: { bx: number; by: number; s: number }[] = [];
  for (let by = 0; by + B <= g.height; by += B) {
    for (let bx = 0; bx + B <= g.width; bx += B) {
      let s = 0;
      for (let y = by; y < by + B; y++) for (let x = bx; x < bx + B; x++) s += label[y * g.width + x] === 2 ? 1 : 0;
      scores.push({ bx, by, s });
    }
  }
  scores.sort((a, b) => b.s - a.s);
  return scores.slice(0, n).map(({ bx, by }) => {
    const lon0 = g.originX + (bx + 4) * g.resX, lon1 = g.originX + (bx + B - 4) * g.resX;
    const lat0 = g.originY - (by + B - 4) * g.resY, lat1 = g.originY - (by + 4) * g.resY;
    return `MULTIPOLYGON(((${lon0} ${lat0},${lon1} ${lat0},${lon1} ${lat1},${lon0} ${lat1},${lon0} ${lat0})))`;
  });
}

describe.each(testStores())('renderEvidence on $name', (backend) => {
  let store: Store;
  let jcbhs: string[];
  const outDir = process.env.LW_CHIP_DIR ? join(process.env.LW_CHIP_DIR, backend.name) : mkdtempSync(join(tmpdir(), 'lw-evidence-'));
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    store = await backend.open();
    const wkts = await changedBlocks(2);
    jcbhs = await seedRun(store, 'ev1', [{ wkt: wkts[0] }, { wkt: wkts[1], severity: 'severe' }, {}]);
    await store.query("UPDATE clues SET xzqdm = '450502', record = record || '{\"XZQMC\":\"海城区\"}'::jsonb");
    await enqueueClueRecords(store, 'ev1');
  }, 120000);
  afterAll(() => backend.close());

  it('writes chips and a self-contained page per clue and records them', async () => {
    const res = await renderEvidence(store, 'ev1', { outDir, beforePath: before, afterPath: after });
    expect(res.clues).toBe(3);
    expect(res.outside).toEqual([jcbhs[2]]);
    const d = join(outDir, 'evidence', jcbhs[0]);
    for (const f of ['before_true.png', 'after_true.png', 'before_false.png', 'after_false.png', 'index.html']) expect(existsSync(join(d, f))).toBe(true);
    const meta = await sharp(join(d, 'after_false.png')).metadata();
    expect(meta.width).toBeGreaterThanOrEqual(256);
    const html = readFileSync(join(d, 'index.html'), 'utf8');
    expect(html).not.toMatch(/src="(?!data:)/);
    // Each embedded image is its chip file, byte for byte (the store's base64 comes in lines).
    const embedded = [...html.matchAll(/<img alt="([^"]*)" src="data:image\/png;base64,([^"]*)"/g)];
    expect(embedded).toHaveLength(4);
    const files = ['before_true', 'after_true', 'before_false', 'after_false'].map((k) => readFileSync(join(d, `${k}.png`)));
    for (const [, , b64] of embedded) expect(files.some((f) => f.equals(Buffer.from(b64, 'base64')))).toBe(true);
    expect(new Set(embedded.map(([, , b64]) => b64)).size).toBe(4);
    expect(html).toContain('海城区');
    const [rec] = await loadClueRecords(store, { jcbhs: [jcbhs[0]] });
    expect(rec.EVIDENCE.map((e) => e.kind).sort()).toEqual(['after_false', 'after_true', 'before_false', 'before_true', 'html']);
    // Its v1 was already queued, so the evidence arrives as v2.
    expect(rec.VERSION).toBe(2);
    expect(res.requeued).toBe(3);
    // A second render of the same images changes nothing.
    const again = await renderEvidence(store, 'ev1', { outDir, beforePath: before, afterPath: after });
    expect(again.requeued).toBe(0);
    expect((await loadClueRecords(store, { jcbhs: [jcbhs[0]] }))[0].VERSION).toBe(2);
  }, 60000);

  it('renders the generated sample scene (2 m, EPSG:4526 Gauss-Krüger) around its planted changes', async () => {
    const sample = join(import.meta.dirname, '../../fixtures/sample');
    const truth = JSON.parse(readFileSync(join(sample, 'truth.geojson'), 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] };
    const wkts = truth.features.slice(0, 3).map((f) => `MULTIPOLYGON(((${f.geometry.coordinates[0].map((p) => p.join(' ')).join(',')})))`);
    const ids = await seedRun(store, 'ev2', wkts.map((wkt) => ({ wkt, xzqdm: '420115' })), { year: 2025 });
    const res = await renderEvidence(store, 'ev2', { outDir, beforePath: join(sample, 'before.tif'), afterPath: join(sample, 'after.tif') });
    expect(res.outside).toEqual([]);
    for (const id of ids) {
      const meta = await sharp(join(outDir, 'evidence', id, 'before_false.png')).stats();
      expect(meta.channels[0].stdev).toBeGreaterThan(10);
    }
  }, 60000);

  it('draws the outline on the later chips where a co-registered pair saw the change there', async () => {
    const records = await loadClueRecords(store, { jcbhs: [jcbhs[0]] });
    const chip = (r: Awaited<ReturnType<typeof renderClueChips>>, kind: string) => r.evidence.find((e) => e.kind === kind)?.content;
    const plain = await renderClueChips([{ beforePath: before, afterPath: after, records }], outDir);
    const shifted = await renderClueChips([{ beforePath: before, afterPath: after, shift: [1.5, -2], records }], outDir);
    for (const kind of ['before_true', 'before_false']) expect(chip(shifted, kind)).toEqual(chip(plain, kind));
    for (const kind of ['after_true', 'after_false']) {
      expect(chip(shifted, kind)).toBeDefined();
      expect(chip(shifted, kind)).not.toEqual(chip(plain, kind));
    }
  }, 60000);

  it('fails before work on an unwritable directory or unknown run', async () => {
    await expect(renderEvidence(store, 'ev1', { outDir: '/nonexistent', beforePath: before, afterPath: after })).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    await expect(renderEvidence(store, 'nope', { outDir, beforePath: before, afterPath: after })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});

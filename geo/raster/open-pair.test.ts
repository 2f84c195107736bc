import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTiff } from '../../fixtures/tiff-writer.ts';
import { crsTransform } from '../crs/transform.ts';
import type { Grid } from '../types.ts';
import { mapToPixel, pixelToMap } from './grid-transform.ts';
import { openPair } from './open-pair.ts';

const dir = mkdtempSync(join(tmpdir(), 'open-pair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scene defined on the ground: band values are linear in lon/lat (so bilinear is exact up to the mapping). */
const field = (lon: number, lat: number, b: number): number => (lon - 114) * 1e5 * (b + 1) + (lat - 30.5) * 7e4 - b * 10;

async function writeScene(name: string, grid: Grid, bands = 2, extra: { bandDescriptions?: string[] } = {}): Promise<string> {
  const path = join(dir, name);
  const toLonLat = crsTransform(grid.crs, 4490);
  await writeTiff({ path, width: grid.width, height: grid.height, bands, sampleType: 'float32', grid, layout: { tiled: true, tileWidth: 64, tileHeight: 64 }, ...extra }, (y, h) => {
    const out = Array.from({ length: bands }, () => new Float32Array(h * grid.width));
    for (let r = 0; r < h; r++)
      for (let c = 0; c < grid.width; c++) {
        const [x, yy] = pixelToMap(grid, c + 0.5, y + r + 0.5);
        const [lon, lat] = toLonLat(x, yy);
        for (let b = 0; b < bands; b++) out[b][r * grid.width + c] = field(lon, lat, b);
      }
    return out;
  });
  return path;
}

// Zone 38 (CM 114°E), around 114.0°E 30.5°N: 2 m pixels.
const after: Grid = { crs: 4526, originX: 38_499_800, originY: 3_375_800, resX: 2, resY: 2, width: 200, height: 150 };

async function maxDiff(beforeGrid: Grid, name: string): Promise<{ maxErr: number; validCount: number; gridW: number; gridH: number; pixels: number }> {
  const a = await writeScene(`${name}-after.tif`, after);
  const b = await writeScene(`${name}-before.tif`, beforeGrid);
  const pair = await openPair(b, a);
  const { width, height } = pair.grid;
  const s = await pair.readWindow({ x: 0, y: 0, width, height });
  let maxErr = 0;
  let validCount = 0;
  for (let i = 0; i < width * height; i++) {
    if (!s.before.valid[i] || !s.after.valid[i]) continue;
    validCount++;
    for (let band = 0; band < 2; band++) maxErr = Math.max(maxErr, Math.abs(s.before.bands[band][i] - s.after.bands[band][i]));
  }
  await pair.close();
  return { maxErr, validCount, gridW: width, gridH: height, pixels: width * height };
}

describe('openPair', () => {
  it('reads identical grids directly', async () => {
    const r = await maxDiff(after, 'same');
    expect(r).toMatchObject({ maxErr: 0, gridW: 200, gridH: 150, validCount: 200 * 150 });
  });

  it('shifts by whole pixels and crops to the overlap', async () => {
    const r = await maxDiff({ ...after, originX: after.originX + 20, originY: after.originY - 10 }, 'shift');
    expect(r).toMatchObject({ maxErr: 0, gridW: 190, gridH: 145, validCount: 190 * 145 });
  });

  it('resamples a different pixel size and sub-pixel offset bilinearly', async () => {
    // 1 unit of the field ≈ 1e-5° ≈ 1 m, so errors are in metres of ground position.
    const r = await maxDiff({ ...after, originX: after.originX - 7.3, originY: after.originY + 3.1, resX: 3, resY: 3, width: 140, height: 110 }, 'res');
    expect(r.maxErr).toBeLessThan(0.01);
    expect(r.validCount).toBeGreaterThan(0.95 * r.pixels);
  });

  it('reprojects from CGCS2000 lon/lat through a mesh', async () => {
    const geo: Grid = { crs: 4490, originX: 113.997, originY: 30.503, resX: 2.5e-5, resY: 2.2e-5, width: 240, height: 200 };
    const r = await maxDiff(geo, 'crs');
    expect(r.maxErr).toBeLessThan(0.05);
    expect(r.validCount).toBeGreaterThan(0.95 * r.pixels);
  });

  it('averages a finer before image over each target pixel instead of aliasing', async () => {
    // Before: 0.5 m checkerboard of 0/100; after: 2 m. Each after pixel covers 4 × 4 before pixels.
    const fine: Grid = { ...after, resX: 0.5, resY: 0.5, width: 800, height: 600 };
    const b = join(dir, 'checker-before.tif');
    await writeTiff({ path: b, width: fine.width, height: fine.height, bands: 2, sampleType: 'uint8', grid: fine }, (y, h) => {
      const a = Uint8Array.from({ length: h * fine.width }, (_, k) => (((k % fine.width) + y + Math.floor(k / fine.width)) % 2) * 100);
      return [a, a];
    });
    const a = await writeScene('checker-after.tif', { ...after, originX: after.originX + 0.2, originY: after.originY - 0.2 });
    const pair = await openPair(b, a);
    const s = await pair.readWindow({ x: 5, y: 5, width: 50, height: 40 });
    let worst = 0;
    for (let i = 0; i < 50 * 40; i++) worst = Math.max(worst, Math.abs(s.before.bands[0][i] - 50));
    expect(worst).toBeLessThan(3); // plain bilinear sampling of the checkerboard would be off by 32
    await pair.close();
  });

  it('marks pixels past the grid edge invalid', async () => {
    const a = await writeScene('edge-after.tif', after);
    const b = await writeScene('edge-before.tif', { ...after, originX: after.originX + 20 });
    const pair = await openPair(b, a);
    const s = await pair.readWindow({ x: pair.grid.width - 5, y: -2, width: 10, height: 4 });
    expect(s.after.valid[0]).toBe(0); // row -2
    expect(s.after.valid[2 * 10 + 4]).toBe(1);
    expect(s.after.valid[2 * 10 + 5]).toBe(0); // past the overlap, though the after image has data there
    expect(s.before.valid[2 * 10 + 5]).toBe(0);
    await pair.close();
  });

  it('takes band roles from the after image and rejects inconsistent ones', async () => {
    const a = await writeScene('roles-after.tif', after, 4, { bandDescriptions: ['B02', 'B03', 'B04', 'B08'] });
    const b = await writeScene('roles-before.tif', after, 4, { bandDescriptions: ['B08', 'B04', 'B03', 'B02'] });
    await expect(openPair(b, a)).rejects.toMatchObject({ code: 'BAND_MISMATCH' });
    const pair = await openPair(b, a, { bands: 'blue=1,green=2,red=3,nir=4' });
    expect(pair.roles).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    await pair.close();
    const same = await openPair(a, a);
    expect(same.roles).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    await same.close();
  });

  it('opens a real OSCD pair (Paris) and a real Landsat pair (Nanjing)', async () => {
    const real = '/work/shared/data/real';
    for (const [b, a, crs] of [[`${real}/oscd/paris/A.tif`, `${real}/oscd/paris/B.tif`, 4326], [`${real}/landsat-taizhou-nanjing/nanjing/A.tif`, `${real}/landsat-taizhou-nanjing/nanjing/B.tif`, 32650]] as const) {
      const pair = await openPair(b, a);
      expect(pair.grid.crs).toBe(crs);
      expect(pair.roles).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
      const s = await pair.readWindow({ x: 10, y: 20, width: 64, height: 48 });
      expect(s.before.valid.every((v) => v === 1)).toBe(true);
      expect(s.after.bands[3].some((v) => v > 0)).toBe(true);
      await pair.close();
    }
  });

  it('reports band-count mismatch, no overlap and missing files naming the files', async () => {
    const a = await writeScene('err-after.tif', after);
    const three = await writeScene('err-3.tif', after, 3);
    await expect(openPair(three, a)).rejects.toMatchObject({ code: 'BAND_MISMATCH', message: expect.stringMatching(/err-3\.tif has 3 bands but .*err-after\.tif has 2/) });
    const far = await writeScene('err-far.tif', { ...after, originX: after.originX + 10_000 });
    await expect(openPair(far, a)).rejects.toMatchObject({ code: 'NO_OVERLAP', message: expect.stringContaining('err-far.tif') });
    await expect(openPair(join(dir, 'nope.tif'), a)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.tif') });
  });

  it('applies cloud masks on any grid: set pixels touching a target pixel make it invalid in both dates', async () => {
    const a = await writeScene('mask-after.tif', after);
    const b = await writeScene('mask-before.tif', after);
    // After mask: 4 m pixels on the same origin (like a 20 m mask for a 10 m image), one 10 × 10 block set.
    const coarse: Grid = { ...after, resX: 4, resY: 4, width: 100, height: 75 };
    const coarsePath = await writeMask('mask-coarse.tif', coarse, (c, r) => c >= 10 && c < 20 && r >= 5 && r < 15);
    // Before mask in lon/lat, about 2 m pixels, a block elsewhere.
    const toLonLat = crsTransform(after.crs, 4326);
    const [lon0, lat0] = toLonLat(after.originX - 50, after.originY + 50);
    const geo: Grid = { crs: 4326, originX: lon0, originY: lat0, resX: 2e-5, resY: 2e-5, width: 300, height: 250 };
    const geoSet = (c: number, r: number) => c >= 200 && c < 230 && r >= 100 && r < 120;
    const geoPath = await writeMask('mask-geo.tif', geo, geoSet);

    const pair = await openPair(b, a, { masks: { before: geoPath, after: coarsePath } });
    const { width, height } = pair.grid;
    const s = await pair.readWindow({ x: 0, y: 0, width, height });
    const masked = s.masked!;
    const toGeo = crsTransform(after.crs, 4326);
    let nearestGeo = 0;
    for (let r = 0; r < height; r++)
      for (let c = 0; c < width; c++) {
        const i = r * width + c;
        const inCoarse = c >= 20 && c < 40 && r >= 10 && r < 30;
        const [gc, gr] = mapToPixel(geo, ...toGeo(...pixelToMap(pair.grid, c + 0.5, r + 0.5)));
        const underGeo = geoSet(Math.floor(gc), Math.floor(gr));
        if (underGeo) nearestGeo++;
        // The nested coarse mask is exact; the reprojected one masks at least every pixel whose centre is on it.
        if (inCoarse || underGeo) expect(masked[i], `pixel ${c},${r}`).toBe(1);
        if (masked[i]) expect(s.before.valid[i] + s.after.valid[i]).toBe(0);
        else expect(s.before.valid[i] & s.after.valid[i]).toBe(1);
      }
    const total = masked.reduce((n, v) => n + v, 0);
    // Touching adds at most a one-pixel rim around the reprojected block (about 2 × (30 + 20) target pixels).
    expect(nearestGeo).toBeGreaterThan(500);
    expect(total - 400).toBeGreaterThan(nearestGeo); // pixels straddling the block's edge: masked, unlike nearest neighbour
    expect(total - 400).toBeLessThanOrEqual(nearestGeo + 120);
    await pair.close();
    const plain = await openPair(b, a);
    expect((await plain.readWindow({ x: 0, y: 0, width: 4, height: 4 })).masked).toBeNull();
    await plain.close();
  });

  it('reports a mask that is missing, not single-band, off its image or in an unknown CRS, naming the mask', async () => {
    const a = await writeScene('merr-after.tif', after);
    const open = (mask: string) => openPair(a, a, { masks: { after: mask } });
    await expect(open(join(dir, 'no-mask.tif'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('no-mask.tif') });
    const two = await writeScene('merr-2band.tif', after);
    await expect(open(two)).rejects.toMatchObject({ code: 'BAND_MISMATCH', message: expect.stringMatching(/merr-2band\.tif: a mask needs exactly one band, it has 2/) });
    const far = await writeMask('merr-far.tif', { ...after, originX: after.originX + 10_000 }, () => true);
    await expect(open(far)).rejects.toMatchObject({ code: 'NO_OVERLAP', message: expect.stringMatching(/merr-far\.tif: mask does not overlap .*merr-after\.tif/) });
    const crs = await writeMask('merr-crs.tif', { ...after, crs: 2154 }, () => false);
    await expect(open(crs)).rejects.toMatchObject({ code: 'CRS_UNKNOWN', message: expect.stringContaining('merr-crs.tif') });
  });
});

async function writeMask(name: string, grid: Grid, set: (col: number, row: number) => boolean): Promise<string> {
  const path = join(dir, name);
  await writeTiff({ path, width: grid.width, height: grid.height, bands: 1, sampleType: 'uint8', grid, layout: { tiled: true, tileWidth: 64, tileHeight: 64 } }, (y, h) => [
    Uint8Array.from({ length: h * grid.width }, (_, k) => (set(k % grid.width, y + Math.floor(k / grid.width)) ? 1 : 0)),
  ]);
  return path;
}

import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile, writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTiff, type TiffWriteOptions } from '../../fixtures/tiff-writer.ts';
import type { PixelWindow } from '../types.ts';
import { openTiff } from './open-tiff.ts';

const dir = mkdtempSync(join(tmpdir(), 'open-tiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pseudo-random but compressible samples, seeded by band. */
function sample(b: number, x: number, y: number, type: TiffWriteOptions['sampleType']): number {
  const h = ((x * 374761393 + y * 668265263 + b * 982451653) >>> 0) % 1000;
  const v = ((x >> 2) * 3 + (y >> 3) * 5 + b * 50) % 200 + (h < 300 ? h % 7 : 0);
  if (type === 'int16') return v * 150 - 15000;
  if (type === 'uint16') return v * 300 + b;
  if (type === 'float32') return v / 8 - 3;
  return v;
}

async function readWithGeotiff(path: string, win: PixelWindow): Promise<ArrayLike<number>[]> {
  const tiff = await fromFile(path);
  const image = await tiff.getImage();
  const r = (await image.readRasters({ window: [win.x, win.y, win.x + win.width, win.y + win.height], interleave: false })) as unknown as ArrayLike<number>[];
  await tiff.close();
  return r;
}

async function compareWindow(path: string, win: PixelWindow): Promise<void> {
  const reader = await openTiff(path);
  const mine = await reader.readWindow(win);
  const ref = await readWithGeotiff(path, win);
  await reader.close();
  // The flag the box mean trusts instead of scanning: set for every ≤ 16-bit integer type, and true.
  expect(mine.integer16).toBe(['uint8', 'int8', 'uint16', 'int16'].includes(reader.info.sampleType));
  if (mine.integer16) expect(mine.bands.every((band) => band.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 16))).toBe(true);
  for (let b = 0; b < ref.length; b++) {
    let diff = 0;
    for (let i = 0; i < ref[b].length; i++) if (Math.fround(ref[b][i]) !== mine.bands[b][i]) diff++;
    expect(diff, `band ${b}`).toBe(0);
  }
}

const W = 300;
const H = 211;
const grid = { crs: 4526, originX: 38_500_000, originY: 3_400_000, resX: 2, resY: 2, width: W, height: H };
const cases: Partial<TiffWriteOptions>[] = [];
for (const compression of ['none', 'deflate', 'lzw', 'packbits'] as const)
  for (const sampleType of ['uint8', 'uint16', 'int16', 'float32'] as const)
    cases.push({ compression, sampleType, planar: 1, predictor: sampleType === 'float32' ? 1 : 2 });
cases.push({ compression: 'deflate', sampleType: 'uint16', planar: 2, predictor: 2 });
cases.push({ compression: 'lzw', sampleType: 'int16', planar: 2, predictor: 1, layout: { tiled: false, rowsPerStrip: 17 } });
cases.push({ compression: 'packbits', sampleType: 'uint8', planar: 1, layout: { tiled: false, rowsPerStrip: 1 } });
cases.push({ compression: 'none', sampleType: 'float32', planar: 2, layout: { tiled: false, rowsPerStrip: 64 } });
cases.push({ compression: 'lzw', sampleType: 'uint16', planar: 1, predictor: 2, layout: { tiled: true, tileWidth: 128, tileHeight: 64 } });
cases.push({ compression: 'deflate', sampleType: 'uint16', planar: 1, predictor: 2, byteOrder: 'MM' });
cases.push({ compression: 'lzw', sampleType: 'float32', planar: 2, byteOrder: 'MM', layout: { tiled: false, rowsPerStrip: 20 } });
cases.push({ compression: 'packbits', sampleType: 'int16', planar: 1, predictor: 2, byteOrder: 'MM' });

const windows: PixelWindow[] = [
  { x: 0, y: 0, width: W, height: H },
  { x: 37, y: 51, width: 150, height: 101 },
];

describe('openTiff', () => {
  it.each(cases.map((c, i) => [i, `${c.compression} ${c.sampleType} planar ${c.planar} pred ${c.predictor ?? 1} ${c.layout?.tiled === false ? 'strips' : 'tiles'} ${c.byteOrder ?? 'II'}`, c] as const))(
    'case %i (%s) matches geotiff.js readRasters',
    async (i, _label, c) => {
      const path = join(dir, `c${i}.tif`);
      const bands = 4;
      await writeTiff({ path, width: W, height: H, bands, grid, sampleType: c.sampleType!, layout: { tiled: true, tileWidth: 64, tileHeight: 48 }, ...c }, (y, h) =>
        Array.from({ length: bands }, (_, b) => Float64Array.from({ length: h * W }, (_, k) => sample(b, k % W, y + Math.floor(k / W), c.sampleType!))),
      );
      if (c.byteOrder === 'MM' && c.predictor === 2) {
        // geotiff.js undoes predictor 2 before swapping bytes (wrong for big-endian files; libtiff
        // swaps first), so compare with the values written instead.
        const r = await openTiff(path);
        for (const win of windows) {
          const s = await r.readWindow(win);
          for (let b = 0; b < bands; b++)
            for (let y = 0; y < win.height; y++)
              for (let x = 0; x < win.width; x++) expect(s.bands[b][y * win.width + x]).toBe(Math.fround(sample(b, win.x + x, win.y + y, c.sampleType!)));
        }
        await r.close();
      } else for (const win of windows) await compareWindow(path, win);
    },
  );

  it('reads windows past the edge as invalid and honours nodata', async () => {
    const path = join(dir, 'nodata.tif');
    await writeTiff({ path, width: 40, height: 30, bands: 2, grid: { ...grid, width: 40, height: 30 }, sampleType: 'uint16', nodata: 0, bandDescriptions: ['B04', 'B08'] }, (y, h) => [
      Uint16Array.from({ length: h * 40 }, (_, k) => (k % 40 === 5 ? 0 : 100 + k)),
      Uint16Array.from({ length: h * 40 }, () => 7),
    ]);
    const r = await openTiff(path);
    expect(r.info).toMatchObject({ width: 40, height: 30, bandCount: 2, sampleType: 'uint16', compression: 8, nodata: 0, bandDescriptions: ['B04', 'B08'], tiled: true, planar: 1 });
    expect(r.info.grid).toEqual({ ...grid, width: 40, height: 30 });
    const s = await r.readWindow({ x: -3, y: 25, width: 10, height: 10 });
    // Row 0 of the window is image row 25; column 3 is image column 0; column 8 is image column 5 (nodata).
    expect(s.valid[0]).toBe(0);
    expect(s.valid[3]).toBe(1);
    expect(s.bands[1][3]).toBe(7);
    expect(s.valid[8]).toBe(0);
    expect(s.valid[5 * 10 + 3]).toBe(0); // image row 30: outside
    expect(s.bands[0][5 * 10 + 3]).toBe(0);
    await r.close();
  });

  it('reads big-endian files (geotiff.js writer output)', async () => {
    const path = join(dir, 'be.tif');
    const values = Uint16Array.from({ length: 20 * 10 }, (_, i) => i * 97);
    writeFileSync(path, Buffer.from(writeArrayBuffer(values, { width: 20, height: 10, ModelPixelScale: [1, 1, 0], ModelTiepoint: [0, 0, 0, 500000, 3000000, 0], ProjectedCSTypeGeoKey: 32650, GTModelTypeGeoKey: 1 } as never)));
    const r = await openTiff(path);
    expect(r.info.littleEndian).toBe(false);
    expect(r.info.grid.crs).toBe(32650);
    const s = await r.readWindow({ x: 0, y: 0, width: 20, height: 10 });
    expect(Array.from(s.bands[0])).toEqual(Array.from(values));
    await r.close();
  });

  it('reports errors with code and file name', async () => {
    const expectError = async (p: string, code: string, text?: RegExp) => {
      const err = await openTiff(p).then(() => null, (e: unknown) => e as { code: string; message: string });
      expect(err?.code).toBe(code);
      expect(err?.message).toContain(p);
      if (text) expect(err?.message).toMatch(text);
    };
    await expectError(join(dir, 'missing.tif'), 'FILE_NOT_FOUND');
    const notTiff = join(dir, 'not.tif');
    writeFileSync(notTiff, 'hello, this is not a tiff at all');
    await expectError(notTiff, 'TIFF_CORRUPT');
    const zstd = join(dir, 'zstd.tif');
    const z = readFileSync(join(dir, 'c4.tif'));
    const ifd = z.readUInt32LE(4);
    for (let e = 0; e < z.readUInt16LE(ifd); e++) if (z.readUInt16LE(ifd + 2 + e * 12) === 259) z.writeUInt16LE(50000, ifd + 2 + e * 12 + 8);
    writeFileSync(zstd, z);
    await expectError(zstd, 'TIFF_UNSUPPORTED', /compression 50000 \(ZSTD\) is not supported/);

    const good = join(dir, 'c0.tif');
    const bytes = readFileSync(good);
    const truncated = join(dir, 'truncated.tif');
    // The IFD is at the end; cut out the middle of the data instead so the header still parses.
    const ifdAt = bytes.readUInt32LE(4);
    writeFileSync(truncated, Buffer.concat([bytes.subarray(0, 8), bytes.subarray(ifdAt)]));
    const fixed = readFileSync(truncated);
    fixed.writeUInt32LE(8, 4);
    writeFileSync(truncated, fixed);
    await expectError(truncated, 'TIFF_CORRUPT', /truncated/);

    // A plain TIFF without any georeferencing tags: 4 × 2 uint8, one strip.
    const plain = Buffer.alloc(8 + 2 + 9 * 12 + 4 + 8);
    plain.write('II', 0, 'latin1');
    plain.writeUInt16LE(42, 2);
    plain.writeUInt32LE(8, 4);
    plain.writeUInt16LE(9, 8);
    const dataAt = 8 + 2 + 9 * 12 + 4;
    [[256, 3, 4], [257, 3, 2], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, dataAt], [277, 3, 1], [278, 3, 2], [279, 4, 8]].forEach(([tag, type, value], i) => {
      const e = 10 + i * 12;
      plain.writeUInt16LE(tag, e);
      plain.writeUInt16LE(type, e + 2);
      plain.writeUInt32LE(1, e + 4);
      if (type === 3) plain.writeUInt16LE(value, e + 8);
      else plain.writeUInt32LE(value, e + 8);
    });
    const noGeo = join(dir, 'nogeo.tif');
    writeFileSync(noGeo, plain);
    await expectError(noGeo, 'NO_GEOREFERENCE');

    const crs = join(dir, 'crs.tif');
    await writeTiff({ path: crs, width: 8, height: 8, bands: 1, sampleType: 'uint8', grid: { ...grid, crs: 2154, width: 8, height: 8 } }, (_y, h) => [new Uint8Array(h * 8)]);
    await expectError(crs, 'CRS_UNKNOWN', /unsupported CRS EPSG:2154/);
  });

  it('reports corrupt tile data found while reading as TIFF_CORRUPT', async () => {
    const path = join(dir, 'corrupt.tif');
    await writeTiff({ path, width: 64, height: 64, bands: 1, sampleType: 'uint8', compression: 'deflate', layout: { tiled: true, tileWidth: 32, tileHeight: 32 }, grid: { ...grid, width: 64, height: 64 } }, (_y, h) => [Uint8Array.from({ length: h * 64 }, (_, k) => k % 251)]);
    const bytes = readFileSync(path);
    bytes.fill(0xff, 8, 40); // garbage over the first tile's zlib stream
    writeFileSync(path, bytes);
    const r = await openTiff(path);
    await expect(r.readWindow({ x: 0, y: 0, width: 10, height: 10 })).rejects.toMatchObject({ code: 'TIFF_CORRUPT', message: expect.stringContaining(path) });
    await r.close();
  });

  it('reads the same windows when reusing its buffers, inside and across the image edge', async () => {
    const path = join(dir, 'reuse.tif');
    await writeTiff({ path, width: 64, height: 48, bands: 4, sampleType: 'uint16', compression: 'deflate', layout: { tiled: true, tileWidth: 16, tileHeight: 16 }, grid: { ...grid, width: 64, height: 48 } }, (_y, h) =>
      [0, 1, 2, 3].map((b) => Uint16Array.from({ length: h * 64 }, (_, k) => (k * 31 + b * 977) % 65521)),
    );
    const plain = await openTiff(path);
    const reused = await openTiff(path, { reuseWindows: true });
    for (const win of [{ x: 5, y: 3, width: 30, height: 20 }, { x: -7, y: 30, width: 30, height: 20 }, { x: 20, y: 10, width: 30, height: 20 }]) {
      const a = await plain.readWindow(win);
      const b = await reused.readWindow(win);
      expect(b.valid).toEqual(a.valid);
      expect(b.bands).toEqual(a.bands);
    }
    await Promise.all([plain.close(), reused.close()]);
  });
});

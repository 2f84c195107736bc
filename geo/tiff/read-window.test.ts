import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTiff } from '../../fixtures/tiff-writer.ts';
import { readTiffHeader } from './read-header.ts';
import { createWindowReader } from './read-window.ts';
import { openFileSource } from './source-file.ts';
import type { ByteSource } from './source.ts';

const dir = mkdtempSync(join(tmpdir(), 'read-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A DEFLATE file of 16² uint8 tiles, `across` × `down`, each tile filled with its own number (1 + index). */
async function tiles(name: string, across: number, down: number): Promise<string> {
  const path = join(dir, name);
  const W = 16 * across;
  const grid = { crs: 4526, originX: 38_500_000, originY: 3_400_000, resX: 1, resY: 1, width: W, height: 16 * down };
  await writeTiff({ path, width: W, height: 16 * down, bands: 1, grid, sampleType: 'uint8', compression: 'deflate', layout: { tiled: true, tileWidth: 16, tileHeight: 16 } }, (y, h) => [
    Uint8Array.from({ length: h * W }, (_, k) => 1 + Math.floor((k % W) / 16) + across * Math.floor((y + Math.floor(k / W)) / 16)),
  ]);
  return path;
}

/** A cache of four tiles: the smallest that recycles decoded tiles' buffers. */
const FOUR_TILES = 4 * 16 * 16;

describe('createWindowReader recycling decoded tiles', () => {
  it('keeps a tile that a read in flight still needs when another read recycles it', async () => {
    const file = await openFileSource(await tiles('gated.tif', 4, 2));
    const header = await readTiffHeader(file);
    // Reads of tile 1 wait until released, so another read decodes meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gated: ByteSource = { ...file, read: (offset, length, signal) => (offset === header.offsets[1] ? gate.then(() => file.read(offset, length, signal)) : file.read(offset, length, signal)) };
    const read = createWindowReader(gated, header, FOUR_TILES);
    await read({ x: 0, y: 0, width: 8, height: 8 }); // tile 0 decoded and cached
    const a = read({ x: 8, y: 0, width: 16, height: 16 }); // tile 0 (cached) and tile 1 (waiting)
    // Tiles 4–7 evict tiles 0 and 1 and are decoded while the first read waits.
    await read({ x: 0, y: 16, width: 64, height: 16 });
    release();
    const got = (await a).bands[0];
    expect([got[0], got[7], got[8], got[15]]).toEqual([1, 1, 2, 2]);
    expect(got.every((v, i) => v === ((i % 16) < 8 ? 1 : 2))).toBe(true);
    await file.close();
  });

  it('keeps the tiles of a row wider than the cache until the row is copied', async () => {
    const file = await openFileSource(await tiles('row.tif', 6, 1));
    const header = await readTiffHeader(file);
    const read = createWindowReader(file, header, FOUR_TILES);
    await read({ x: 0, y: 0, width: 16, height: 16 }); // tile 0 cached: the row's tiles 4 and 5 evict it
    const got = (await read({ x: 0, y: 0, width: 96, height: 16 })).bands[0];
    expect(Array.from({ length: 6 }, (_, t) => got[16 * t])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(got.every((v, i) => v === 1 + Math.floor((i % 96) / 16))).toBe(true);
    await file.close();
  });
});

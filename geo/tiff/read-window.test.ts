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

describe('createWindowReader', () => {
  it('keeps a block that a read in flight still needs when the cache recycles it', async () => {
    // 2 × 2 tiles of 16²: T U on the first row, V X on the second.
    const path = join(dir, 'tiles.tif');
    const grid = { crs: 4526, originX: 38_500_000, originY: 3_400_000, resX: 1, resY: 1, width: 32, height: 32 };
    await writeTiff({ path, width: 32, height: 32, bands: 4, grid, sampleType: 'uint16', compression: 'deflate', predictor: 2, layout: { tiled: true, tileWidth: 16, tileHeight: 16 } }, (y, h) =>
      [0, 1, 2, 3].map((b) => Uint16Array.from({ length: h * 32 }, (_, k) => ((k % 32) * 131 + (y + Math.floor(k / 32)) * 977 + b * 4099) % 65521)),
    );
    const file = await openFileSource(path);
    const header = await readTiffHeader(file);
    // Reads of tile U wait until released, so another read decodes meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gated: ByteSource = { ...file, read: async (offset, length, signal) => (offset === header.offsets[1] ? gate.then(() => file.read(offset, length, signal)) : file.read(offset, length, signal)) };
    const ample = createWindowReader(file, header);
    const expected = await ample({ x: 8, y: 4, width: 16, height: 8 });
    // A cache of two tiles.
    const read = createWindowReader(gated, header, 2 * 16 * 16 * 4 * 2);
    await read({ x: 0, y: 0, width: 8, height: 8 }); // T decoded and cached
    const a = read({ x: 8, y: 4, width: 16, height: 8 }); // T (cached) and U (waiting)
    // V and X evict T and U from the cache, and are decoded while A waits for U.
    await read({ x: 0, y: 16, width: 32, height: 16 });
    release();
    expect((await a).bands).toEqual(expected.bands);
    await file.close();
  });
});

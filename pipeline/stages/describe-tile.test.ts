import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTile, isSidecarMask, sidecarMaskPath } from './describe-tile.ts';

const SAMPLE = fileURLToPath(new URL('../../fixtures/sample/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'describe-tile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sidecar masks', () => {
  it('are <name>.mask.tif next to <name>.tif or .tiff, and are never tiles themselves', () => {
    expect(sidecarMaskPath('/d/S2_20250301.tif')).toBe('/d/S2_20250301.mask.tif');
    expect(sidecarMaskPath('https://h/x/T50.TIFF')).toBe('https://h/x/T50.mask.tif');
    expect(sidecarMaskPath('/d/a.mask.tif')).toBeNull();
    expect(sidecarMaskPath('/d/a.img')).toBeNull();
    expect(isSidecarMask('/d/a.mask.TIF')).toBe(true);
    expect(isSidecarMask('/d/a.tif')).toBe(false);
  });

  it('describeTile records a usable sidecar, none when absent, and fails naming an unusable one', async () => {
    const tile = join(dir, 'after.tif');
    copyFileSync(join(SAMPLE, 'after.tif'), tile);
    expect((await describeTile(tile)).mask).toBeNull();
    copyFileSync(join(SAMPLE, 'before.tif'), join(dir, 'after.mask.tif')); // four bands: not a mask
    await expect(describeTile(tile)).rejects.toMatchObject({ code: 'BAND_MISMATCH', message: expect.stringContaining('after.mask.tif') });
  });
});

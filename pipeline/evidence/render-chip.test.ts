/**
 * Renders chips from a synthetic stack, a real LEVIR-CD pair (0.5 m RGB PNG) and a real OSCD pair
 * (Sentinel-2 10 m, B02 B03 B04 B08). Set LW_CHIP_DIR to keep the PNGs for a look.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { BandStack } from '../../geo/types.ts';
import { fromFile } from 'geotiff';
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import { renderChip } from './render-chip.ts';
import { niceLength } from './chip-overlay-svg.ts';

const REAL = '/work/shared/data/real';
const outDir = process.env.LW_CHIP_DIR ?? mkdtempSync(join(tmpdir(), 'lw-chips-'));
mkdirSync(outDir, { recursive: true });

async function pngStack(path: string): Promise<BandStack> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  const bands = [0, 1, 2].map((c) => Float32Array.from({ length: n }, (_, i) => data[i * info.channels + c]));
  return { width: info.width, height: info.height, bands, valid: new Uint8Array(n).fill(1) };
}

/** The bounding box of label pixels equal to `on`, as one ring in pixel-corner coordinates. */
function labelBoxRing(label: ArrayLike<number>, width: number, on: (v: number) => boolean): [number, number][] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < label.length; i++) {
    if (!on(label[i])) continue;
    const x = i % width, y = Math.floor(i / width);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
  }
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

async function stats(png: Buffer): Promise<{ width: number; height: number; std: number }> {
  const s = await sharp(png).stats();
  const meta = await sharp(png).metadata();
  return { width: meta.width!, height: meta.height!, std: s.channels[0].stdev };
}

describe('renderChip', () => {
  it('upscales a small synthetic window to ≥ 256 px with outline, caption and scale bar', async () => {
    const w = 40, h = 30, n = w * h;
    const inBox = (i: number): boolean => i % w >= 16 && i % w < 25 && Math.floor(i / w) >= 11 && Math.floor(i / w) < 20;
    const bands = [0, 1, 2, 3].map((b) => Float32Array.from({ length: n }, (_, i) => 800 + 200 * b + (inBox(i) ? 1500 : (i * 37) % 90)));
    const stack: BandStack = { width: w, height: h, bands, valid: new Uint8Array(n).fill(1) };
    const png = await renderChip(stack, [2, 1, 0], [[[16, 11], [25, 11], [25, 20], [16, 20], [16, 11]]], { caption: ['synthetic', '2026-03-01'], pixelSizeM: 10 });
    writeFileSync(join(outDir, 'synthetic.png'), png);
    const s = await stats(png);
    expect(s.width).toBeGreaterThanOrEqual(256);
    expect(s.height).toBe(Math.round(256 * (h / w)));
    expect(s.std).toBeGreaterThan(20);
    expect(niceLength(640)).toBe(500);
  });

  it('renders a real 0.5 m LEVIR-CD pair', async () => {
    const dir = join(REAL, 'levir-cd', 'test_2_0000_0000');
    const [a, b] = await Promise.all([pngStack(join(dir, 'A.png')), pngStack(join(dir, 'B.png'))]);
    const { data: lab, info } = await sharp(join(dir, 'label.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
    const ring = labelBoxRing(lab, info.width, (v) => v > 127);
    for (const [name, st, date] of [['levir-before', a, 'A (earlier)'], ['levir-after', b, 'B (later)']] as const) {
      const png = await renderChip(st, [0, 1, 2], [ring], { caption: [date, 'true colour'], pixelSizeM: 0.5 });
      writeFileSync(join(outDir, `${name}.png`), png);
      expect((await stats(png)).width).toBe(256);
    }
  });

  it('renders a real 10 m OSCD pair in true and false colour', async () => {
    const dir = join(REAL, 'oscd', 'beihai');
    const [ra, rb] = await Promise.all(['A.tif', 'B.tif'].map((f) => openTiff(join(dir, f))));
    const win = { x: 0, y: 0, width: ra.info.width, height: ra.info.height };
    const [a, b] = await Promise.all([ra.readWindow(win), rb.readWindow(win)]);
    // The label has no georeferencing, so it goes through geotiff.js directly.
    const label = (await (await (await fromFile(join(dir, 'label.tif'))).getImage()).readRasters())[0] as ArrayLike<number>;
    const ring = labelBoxRing(label, ra.info.width, (v) => v === 2);
    // Bands are B02 B03 B04 B08: true colour = 2,1,0; false colour (NIR, red, green) = 3,2,1.
    for (const [name, st] of [['oscd-before', a], ['oscd-after', b]] as const) {
      for (const [kind, bands] of [['true', [2, 1, 0]], ['false', [3, 2, 1]]] as const) {
        const png = await renderChip(st, bands as unknown as [number, number, number], [ring], { caption: [name, `${kind} colour`], pixelSizeM: 10 });
        writeFileSync(join(outDir, `${name}-${kind}.png`), png);
        expect((await stats(png)).std).toBeGreaterThan(15);
      }
    }
    await Promise.all([ra.close(), rb.close()]);
  });
});

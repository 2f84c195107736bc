/**
 * Loads every labelled real pair under /work/shared/data/real into BandStacks plus a per-pixel label
 * (1 = change, 0 = no change, 255 = unlabelled). Scripts-only: uses sharp and geotiff.js directly.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { fromFile } from 'geotiff';
import type { BandRoles, BandStack } from '../../geo/types.ts';

export interface RealPair {
  dataset: string;
  id: string;
  before: BandStack;
  after: BandStack;
  roles: BandRoles;
  /** 1 change, 0 no change, 255 unlabelled. */
  label: Uint8Array;
  pixelSizeM: number;
}

export const REAL_ROOT = '/work/shared/data/real';

async function readPng(path: string): Promise<{ width: number; height: number; channels: number; data: Buffer }> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data };
}

async function pngStack(path: string): Promise<BandStack> {
  const img = await readPng(path);
  const n = img.width * img.height;
  const bands = [0, 1, 2].map((b) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = img.data[i * img.channels + b];
    return out;
  });
  return { width: img.width, height: img.height, bands, valid: new Uint8Array(n).fill(1) };
}

export async function tiffStack(path: string): Promise<BandStack> {
  const tiff = await fromFile(path);
  const image = await tiff.getImage();
  const width = image.getWidth();
  const height = image.getHeight();
  const rasters = (await image.readRasters()) as unknown as ArrayLike<number>[];
  const n = width * height;
  const bands = Array.from(rasters, (r) => Float32Array.from(r as ArrayLike<number>));
  const valid = new Uint8Array(n).fill(1);
  // Treat all-zero pixels as nodata (no real TOA reflectance is 0 in every band).
  for (let i = 0; i < n; i++) {
    let any = false;
    for (const b of bands) if (b[i] !== 0) { any = true; break; }
    if (!any) valid[i] = 0;
  }
  return { width, height, bands, valid };
}

/** Minimal reader for uncompressed 8-bit palette (or greyscale) BMP; returns palette grey value per pixel, top-down. */
export function readBmp8(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  if (buf.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP');
  const offset = buf.readUInt32LE(10);
  const hdrSize = buf.readUInt32LE(14);
  const width = buf.readInt32LE(18);
  const rawH = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  if (bpp !== 8 || compression !== 0) throw new Error(`unsupported BMP bpp=${bpp} compression=${compression}`);
  const nColours = buf.readUInt32LE(46) || 256;
  const palette = new Uint8Array(256);
  for (let i = 0; i < nColours; i++) palette[i] = buf[14 + hdrSize + i * 4 + 1]; // green channel
  const height = Math.abs(rawH);
  const stride = (width + 3) & ~3;
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    const srcRow = rawH > 0 ? height - 1 - r : r;
    for (let c = 0; c < width; c++) data[r * width + c] = palette[buf[offset + srcRow * stride + c]];
  }
  return { width, height, data };
}

function dirs(path: string): string[] {
  return readdirSync(path).filter((d) => statSync(join(path, d)).isDirectory()).sort();
}

export async function loadRealPairs(root = REAL_ROOT): Promise<RealPair[]> {
  const out: RealPair[] = [];
  const rgb: BandRoles = { red: 0, green: 1, blue: 2 };
  for (const [dataset, px] of [['levir-cd', 0.5], ['dsifn-cd', 1]] as const) {
    for (const id of dirs(join(root, dataset))) {
      const p = join(root, dataset, id);
      const before = await pngStack(join(p, 'A.png'));
      const after = await pngStack(join(p, 'B.png'));
      const lab = await readPng(join(p, 'label.png'));
      const label = new Uint8Array(lab.width * lab.height);
      for (let i = 0; i < label.length; i++) label[i] = lab.data[i * lab.channels] > 127 ? 1 : 0;
      out.push({ dataset, id, before, after, roles: rgb, label, pixelSizeM: px });
    }
  }
  for (const id of dirs(join(root, 'oscd'))) {
    const p = join(root, 'oscd', id);
    const before = await tiffStack(join(p, 'A.tif'));
    const after = await tiffStack(join(p, 'B.tif'));
    const lt = await (await fromFile(join(p, 'label.tif'))).getImage();
    const lr = (await lt.readRasters())[0] as unknown as ArrayLike<number>;
    const label = new Uint8Array(lr.length);
    for (let i = 0; i < label.length; i++) label[i] = lr[i] === 2 ? 1 : lr[i] === 1 ? 0 : 255;
    out.push({ dataset: 'oscd', id, before, after, roles: { blue: 0, green: 1, red: 2, nir: 3 }, label, pixelSizeM: 10 });
  }
  const ls = join(root, 'landsat-taizhou-nanjing');
  if (existsSync(ls)) {
    for (const id of dirs(ls)) {
      const p = join(ls, id);
      const before = await tiffStack(join(p, 'A.tif'));
      const after = await tiffStack(join(p, 'B.tif'));
      const ch = readBmp8(readFileSync(join(p, 'label.bmp')));
      const un = readBmp8(readFileSync(join(p, 'label_unchanged.bmp')));
      const label = new Uint8Array(ch.data.length).fill(255);
      for (let i = 0; i < label.length; i++) {
        if (ch.data[i] > 127) label[i] = 1;
        else if (un.data[i] > 127) label[i] = 0;
      }
      out.push({ dataset: 'landsat', id, before, after, roles: { blue: 0, green: 1, red: 2, nir: 3 }, label, pixelSizeM: 30 });
    }
  }
  return out;
}

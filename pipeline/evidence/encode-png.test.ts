import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePngRgb } from './encode-png.ts';

describe('encodePngRgb', () => {
  // In this order the last image is smaller than the work buffer the one before left.
  it.each([[1, 1], [7, 3], [256, 200], [5, 2]])('decodes (sharp) to the same pixels, %d × %d', async (width, height) => {
    let seed = 3;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i % 97 < 40 ? (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255 : i & 255));
    const { data, info } = await sharp(encodePngRgb(rgb, width, height)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([width, height, 3]);
    expect(Buffer.compare(data, Buffer.from(rgb))).toBe(0);
  });
});

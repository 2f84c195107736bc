/**
 * PNG encoding of 8-bit RGB chips: every row "up"-filtered (its difference to the row above, all
 * zeros where an upscaled row repeats) and deflated with zlib's run-length strategy on the thread
 * pool. On evidence chips this takes about half the CPU of sharp's PNG at level 6 without filtering
 * and is a third smaller (the filtered residuals are small numbers that RLE plus Huffman coding pack
 * well; string matching at any level finds little more in imagery). zlib.crc32 needs Node ≥ 20.15.
 */
import { promisify } from 'node:util';
import { constants, crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `rgb`: width × height pixels, 3 bytes each, row by row. */
export async function encodePngRgb(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  const stride = width * 3;
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const s = y * stride;
    rows[o] = 2; // filter type Up (the row above the first is zeros, so it goes as is)
    if (y === 0) rows.set(rgb.subarray(0, stride), o + 1);
    else for (let x = 0; x < stride; x++) rows[o + 1 + x] = rgb[s + x] - rgb[s + x - stride];
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const idat = await deflateAsync(rows, { strategy: constants.Z_RLE });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.allocUnsafe(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * PNG encoding of 8-bit RGB chips: every row "up"-filtered (its difference to the row above, all
 * zeros where an upscaled row repeats) and deflated with zlib's run-length strategy. On evidence
 * chips this takes about half the CPU of sharp's PNG at level 6 without filtering and is a third
 * smaller (filtered residuals are small numbers that RLE plus Huffman coding pack well; string
 * matching finds little more in imagery). Synchronous: deflating on the thread pool cost ~5 ms CPU
 * per clue in hand-offs and gained no wall time. zlib.crc32 needs Node ≥ 20.15.
 */
import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `rgb`: width × height pixels, 3 bytes each, row by row. */
export function encodePngRgb(rgb: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  const rows = upFilteredRows(rgb, width * 3, height);
  const idat = deflateSync(rows, { strategy: constants.Z_RLE });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const HIGH = 0x80808080 | 0;
const LOW = 0x7f7f7f7f;

/**
 * The PNG scanlines of filter type Up: each row's bytewise difference (mod 256) to the row above
 * (zeros above the first), after its filter type byte. The differences are taken four bytes to a
 * 32-bit word without borrows crossing bytes, about three times as fast as byte by byte.
 */
function upFilteredRows(rgb: Uint8Array, stride: number, height: number): Uint8Array {
  const n = stride * height;
  const words = (n + 3) >> 2;
  const [cur, above, rows] = scratch(words, stride, height);
  new Uint8Array(cur.buffer, cur.byteOffset, n).set(rgb.subarray(0, n));
  // The image shifted down a row, so word k of both views covers the same bytes a row apart.
  above.fill(0, 0, stride);
  above.set(rgb.subarray(0, n - stride), stride);
  const prev = new Uint32Array(above.buffer, above.byteOffset, words);
  for (let k = 0; k < words; k++) {
    const a = cur[k];
    const b = prev[k];
    cur[k] = ((a | HIGH) - (b & LOW)) ^ ((a ^ ~b) & HIGH);
  }
  const diff = new Uint8Array(cur.buffer, cur.byteOffset, n);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 2;
    rows.set(diff.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return rows;
}

/** One buffer for the encoder's work (it is synchronous), grown to the largest chip seen. */
let work = new ArrayBuffer(0);

/** The current rows as words, the rows shifted down by one (with room for the tail word), and the scanlines. */
function scratch(words: number, stride: number, height: number): [Uint32Array, Uint8Array, Uint8Array] {
  const aboveBytes = (words * 4 + stride + 3) & ~3;
  const rowBytes = (stride + 1) * height;
  if (work.byteLength < words * 4 + aboveBytes + rowBytes) work = new ArrayBuffer(words * 4 + aboveBytes + rowBytes);
  return [new Uint32Array(work, 0, words), new Uint8Array(work, words * 4, aboveBytes), new Uint8Array(work, words * 4 + aboveBytes, rowBytes)];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.allocUnsafe(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * Turns one raw tile/strip into samples in native byte order: decompression by TIFF compression
 * code (registered below), byte swap for big-endian files, predictor undo.
 */
import { inflateSync } from 'node:zlib';
import { inflateInto } from './inflate-into.ts';
import { decodeLzw } from './decode-lzw.ts';
import { decodePackBits } from './decode-packbits.ts';
import { undoPredictor } from './predictor.ts';

/** Decompressors by TIFF compression code; each returns at most `expected` bytes. */
export const DECOMPRESSORS: Record<number, (raw: Uint8Array, expected: number) => Uint8Array> = {
  1: (raw) => raw,
  5: (raw, expected) => decodeLzw(raw, expected),
  // One output chunk of the known size: no chunk list and no final concatenation (≈ 1.7× faster).
  8: (raw, expected) => inflateSync(raw, { chunkSize: Math.max(expected + 64, 1024) }),
  32946: (raw, expected) => inflateSync(raw, { chunkSize: Math.max(expected + 64, 1024) }),
  32773: (raw, expected) => decodePackBits(raw, expected),
};

export const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none', 2: 'CCITT RLE', 3: 'CCITT G3', 4: 'CCITT G4', 5: 'LZW', 6: 'old JPEG', 7: 'JPEG', 8: 'DEFLATE',
  32946: 'DEFLATE', 32773: 'PackBits', 34712: 'JPEG 2000', 34887: 'LERC', 50000: 'ZSTD', 50001: 'WebP', 34925: 'LZMA',
};

export interface BlockLayout {
  compression: number;
  predictor: number;
  bytesPerSample: number;
  littleEndian: boolean;
  /** Block width in pixels (tile width, or image width for strips). */
  width: number;
  /** Samples per pixel stored in the block. */
  spp: number;
}

/** Compressions decodeBlock can decode into a buffer of the caller's (`into`). */
export const DECODES_INTO: ReadonlySet<number> = new Set([8, 32946]);

/**
 * Decodes `raw` into a fresh, 8-byte-aligned buffer of exactly `rows` block rows; missing bytes
 * (short data) throw so the caller can report a corrupt file. With `into` (a whole ArrayBuffer of at
 * least the block's size, for a compression in DECODES_INTO) the samples are decoded there instead.
 */
export function decodeBlock(raw: Uint8Array, rows: number, layout: BlockLayout, into?: Uint8Array): Uint8Array {
  const expected = layout.width * rows * layout.spp * layout.bytesPerSample;
  let data = into && DECODES_INTO.has(layout.compression) ? into.subarray(0, inflateInto(raw, into)) : DECOMPRESSORS[layout.compression](raw, expected);
  if (data.length < expected) throw new Error(`block decodes to ${data.length} bytes, expected ${expected}`);
  // Own, aligned memory: typed views must start on a sample boundary, and the in-place steps below
  // must not write into a buffer someone else holds (e.g. a block of the byte-source cache).
  const shared = data === raw && (raw.byteOffset !== 0 || raw.byteLength !== raw.buffer.byteLength);
  if (shared || data.byteOffset % 8 !== 0) data = data.slice(0, expected);
  else if (data.length > expected) data = data.subarray(0, expected);
  if (!layout.littleEndian && layout.bytesPerSample > 1) swapBytes(data, layout.bytesPerSample);
  if (layout.predictor === 3) {
    // Predictor 3 works on big-endian byte planes regardless of file byte order: undo before swap.
    if (!layout.littleEndian && layout.bytesPerSample > 1) swapBytes(data, layout.bytesPerSample);
    undoPredictor(data, 3, layout.bytesPerSample, layout.width, rows, layout.spp);
  } else if (layout.predictor === 2) {
    undoPredictor(data, 2, layout.bytesPerSample, layout.width, rows, layout.spp);
  }
  return data;
}

function swapBytes(d: Uint8Array, n: number): void {
  if (n === 2) {
    for (let i = 0; i + 1 < d.length; i += 2) { const t = d[i]; d[i] = d[i + 1]; d[i + 1] = t; }
  } else if (n === 4) {
    for (let i = 0; i + 3 < d.length; i += 4) {
      const a = d[i], b = d[i + 1];
      d[i] = d[i + 3]; d[i + 1] = d[i + 2]; d[i + 2] = b; d[i + 3] = a;
    }
  }
}

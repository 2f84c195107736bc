/**
 * TIFF LZW decoder (compression 5; MSB-first 9–12-bit codes with early change, Clear 256, EOI 257).
 * Written for speed: every table entry is a back-reference (start, length) into the output already
 * produced, so a code decodes with one short copy and no per-code allocation or chain walk.
 * Decodes at most `expected` bytes into `out` (allocated if not given) and returns the bytes
 * written.
 */
const entryStart = new Int32Array(4096);
const entryLen = new Int32Array(4096);
let padded = new Uint8Array(65536);

export function decodeLzw(input: Uint8Array, expected: number, out = new Uint8Array(expected)): Uint8Array {
  // Pad so the 3-byte code fetch never reads out of bounds (keeps the loop on the fast path).
  if (padded.length < input.length + 4) padded = new Uint8Array(input.length * 2 + 4);
  padded.set(input);
  padded[input.length] = 0; padded[input.length + 1] = 0; padded[input.length + 2] = 0;
  const inp = padded;
  const totalBits = input.length * 8;
  const limit = Math.min(expected, out.length);
  let bitPos = 0;
  let width = 9;
  let next = 258;
  let o = 0;
  let prev = -1;
  let prevStart = 0;
  let prevLen = 0;
  while (bitPos + width <= totalBits) {
    const byte = bitPos >>> 3;
    const word = (inp[byte] << 16) | (inp[byte + 1] << 8) | inp[byte + 2];
    const code = (word >>> (24 - (bitPos & 7) - width)) & ((1 << width) - 1);
    bitPos += width;
    if (code === 257) break;
    if (code === 256) {
      width = 9;
      next = 258;
      prev = -1;
      continue;
    }
    const start = o;
    if (code < 256) {
      if (o >= limit) break;
      out[o++] = code;
    } else if (code < next && prev !== -1) {
      const s = entryStart[code];
      const n = Math.min(entryLen[code], limit - o);
      for (let i = 0; i < n; i++) out[o + i] = out[s + i];
      o += n;
      if (n < entryLen[code]) break;
    } else if (code === next && prev !== -1) {
      // KwKwK: prev's string followed by its own first byte.
      const n = Math.min(prevLen + 1, limit - o);
      for (let i = 0; i < n; i++) out[o + i] = out[prevStart + i];
      o += n;
      if (n < prevLen + 1) break;
    } else {
      throw new Error(`LZW: invalid code ${code} (next free ${next})`);
    }
    if (prev !== -1 && next < 4096) {
      // New entry = prev's string + first byte of this one = the bytes starting at prev's copy.
      entryStart[next] = prevStart;
      entryLen[next] = prevLen + 1;
      next++;
      if (next >= (1 << width) - 1 && width < 12) width++;
    }
    prev = code;
    prevStart = start;
    prevLen = o - start;
  }
  return o === out.length ? out : out.subarray(0, o);
}

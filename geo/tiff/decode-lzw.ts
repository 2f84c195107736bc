/**
 * TIFF LZW decoder (compression 5; MSB-first 9–12-bit codes with early change, Clear 256, EOI 257).
 * Written for speed: every table entry is a back-reference (start, length) into the output already
 * produced, so a code decodes with one short copy and no per-code allocation or prefix-chain walk.
 * Decodes at most `expected` bytes and returns them (fewer if the stream ends early).
 */
const ENTRY_START = new Int32Array(4096);
const ENTRY_LEN = new Int32Array(4096);

export function decodeLzw(input: Uint8Array, expected: number): Uint8Array {
  // Slack of one maximal string so copies never need a bounds check against `expected`.
  const out = new Uint8Array(expected + 4100);
  // Locals, not module bindings, so the hot loop keeps them in registers.
  const entryStart = ENTRY_START, entryLen = ENTRY_LEN;
  const inLen = input.length;
  let bitBuf = 0, bitCount = 0, ip = 0;
  let width = 9, mask = 511, next = 258, o = 0, prev = -1, prevStart = 0, prevLen = 0;
  while (o < expected) {
    if (bitCount < width) {
      if (ip + 1 < inLen) { bitBuf = ((bitBuf & 0xffff) << 16) | (input[ip] << 8) | input[ip + 1]; ip += 2; bitCount += 16; }
      else if (ip < inLen) { bitBuf = ((bitBuf & 0xffffff) << 8) | input[ip++]; bitCount += 8; if (bitCount < width) break; }
      else break;
    }
    bitCount -= width;
    const code = (bitBuf >>> bitCount) & mask;
    const start = o;
    if (code < 256) {
      out[o++] = code;
    } else if (code > 257 && code < next && prev !== -1) {
      let s = entryStart[code];
      const end = o + entryLen[code];
      do out[o++] = out[s++]; while (o < end);
    } else if (code === next && prev !== -1) {
      let s = prevStart;
      const end = o + prevLen + 1;
      do out[o++] = out[s++]; while (o < end);
    } else if (code === 256) { width = 9; mask = 511; next = 258; prev = -1; continue; }
    else if (code === 257) break;
    else throw new Error(`LZW: invalid code ${code} (next free ${next})`);
    if (prev !== -1 && next < 4096) {
      entryStart[next] = prevStart;
      entryLen[next] = prevLen + 1;
      next++;
      if (next >= mask && width < 12) { width++; mask = (1 << width) - 1; }
    }
    prev = code;
    prevStart = start;
    prevLen = o - start;
  }
  return out.subarray(0, Math.min(o, expected));
}

/**
 * TIFF LZW decoder (compression 5; MSB-first 9–12-bit codes with early change, Clear 256, EOI 257).
 * Written for speed: every table entry is a back-reference (start, length) into the output already
 * produced, so a code decodes with one short copy and no per-code allocation or prefix-chain walk.
 * Decodes at most `expected` bytes and returns them (fewer if the stream ends early).
 */
const ENTRY_START = new Int32Array(4096);
const ENTRY_LEN = new Int32Array(4096);
export function decodeLzw(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  const entryStart = ENTRY_START, entryLen = ENTRY_LEN;
  // Locals, not module bindings, so the hot loop keeps them in registers.
  const inLen = input.length;
  const limit = expected;
  let bitBuf = 0, bitCount = 0, ip = 0;
  let width = 9, mask = 511, next = 258, o = 0, prev = -1, prevStart = 0, prevLen = 0;
  for (;;) {
    while (bitCount < width) {
      if (ip >= inLen) return out.subarray(0, o);
      bitBuf = ((bitBuf << 8) | input[ip++]) >>> 0;
      bitCount += 8;
    }
    bitCount -= width;
    const code = (bitBuf >>> bitCount) & mask;
    bitBuf &= (1 << bitCount) - 1;
    if (code >= 256) {
      if (code === 257) break;
      if (code === 256) { width = 9; mask = 511; next = 258; prev = -1; continue; }
    }
    const start = o;
    if (code < 256) {
      if (o >= limit) break;
      out[o++] = code;
    } else {
      let s, n;
      if (code < next && prev !== -1) { s = entryStart[code]; n = entryLen[code]; }
      else if (code === next && prev !== -1) { s = prevStart; n = prevLen + 1; }
      else throw new Error(`LZW: invalid code ${code} (next free ${next})`);
      if (o + n > limit) { n = limit - o; for (let i = 0; i < n; i++) out[o + i] = out[s + i]; o += n; break; }
      for (let i = 0; i < n; i++) out[o + i] = out[s + i];
      o += n;
    }
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
  return o === out.length ? out : out.subarray(0, o);
}

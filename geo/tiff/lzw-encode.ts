/**
 * TIFF LZW encoder (compression 5): MSB-first codes of 9–12 bits with "early change", Clear = 256,
 * EOI = 257. Used to write test fixtures; the table is a generation-stamped direct-mapped trie so
 * a Clear costs nothing.
 */
const CLEAR = 256;
const EOI = 257;
const child = new Int32Array(4096 * 256);
const stamp = new Uint32Array(4096 * 256);
let generation = 0;

export function lzwEncode(input: Uint8Array): Uint8Array {
  let out = new Uint8Array(Math.ceil(input.length * 1.5) + 16);
  let o = 0;
  let acc = 0;
  let nacc = 0;
  let width = 9;
  const emit = (code: number): void => {
    acc = (acc << width) | code;
    nacc += width;
    while (nacc >= 8) {
      nacc -= 8;
      out[o++] = (acc >>> nacc) & 0xff;
    }
    acc &= (1 << nacc) - 1;
  };
  let next = 258;
  generation++;
  emit(CLEAR);
  if (input.length === 0) {
    emit(EOI);
  } else {
    let w = input[0];
    for (let i = 1; i < input.length; i++) {
      const c = input[i];
      const idx = w * 256 + c;
      if (stamp[idx] === generation) {
        w = child[idx];
        continue;
      }
      emit(w);
      stamp[idx] = generation;
      child[idx] = next++;
      if (next >= 1 << width && width < 12) width++;
      if (next === 4094) {
        emit(CLEAR);
        next = 258;
        width = 9;
        generation++;
      }
      w = c;
      if (o > out.length - 8) {
        const grown = new Uint8Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
    }
    emit(w);
    // The decoder adds an entry after this code, so the EOI may need the wider code.
    next++;
    if (next >= 1 << width && width < 12) width++;
    emit(EOI);
  }
  if (nacc > 0) out[o++] = (acc << (8 - nacc)) & 0xff;
  return out.slice(0, o);
}

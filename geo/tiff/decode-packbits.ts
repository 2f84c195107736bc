/** PackBits decoder (TIFF compression 32773): writes at most `expected` bytes. */
export function decodePackBits(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let i = 0;
  let o = 0;
  while (i < input.length && o < expected) {
    const h = input[i++];
    if (h < 128) {
      const n = Math.min(h + 1, expected - o, input.length - i);
      out.set(input.subarray(i, i + n), o);
      i += h + 1;
      o += n;
    } else if (h > 128) {
      const n = Math.min(257 - h, expected - o);
      out.fill(input[i++], o, o + n);
      o += n;
    }
    // 128 is a no-op.
  }
  return o === expected ? out : out.subarray(0, o);
}

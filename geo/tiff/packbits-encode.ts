/**
 * PackBits encoder (TIFF compression 32773) for test fixtures. Each row of `rowBytes` bytes is
 * packed on its own, as TIFF requires; runs of ≥ 3 equal bytes become repeat runs.
 */
export function packBitsEncode(input: Uint8Array, rowBytes: number): Uint8Array {
  const out = new Uint8Array(input.length + Math.ceil(input.length / 128) + 16);
  let o = 0;
  for (let rowStart = 0; rowStart < input.length; rowStart += rowBytes) {
    const end = Math.min(rowStart + rowBytes, input.length);
    let i = rowStart;
    while (i < end) {
      let run = 1;
      while (i + run < end && run < 128 && input[i + run] === input[i]) run++;
      if (run >= 3) {
        out[o++] = 257 - run;
        out[o++] = input[i];
        i += run;
        continue;
      }
      // Literal run up to the next repeat of ≥ 3.
      let j = i;
      while (j < end && j - i < 128) {
        if (j + 2 < end && input[j] === input[j + 1] && input[j] === input[j + 2]) break;
        j++;
      }
      out[o++] = j - i - 1;
      out.set(input.subarray(i, j), o);
      o += j - i;
      i = j;
    }
  }
  return out.slice(0, o);
}

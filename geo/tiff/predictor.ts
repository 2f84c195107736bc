/**
 * Undoes TIFF predictors in place on a decoded block in native byte order.
 * Predictor 2 (horizontal differencing) works per sample with wrap-around in the sample's bit
 * depth; predictor 3 (floating point, Adobe TN 3) un-differences the byte planes of each row and
 * re-interleaves them. `width` is the block width in pixels, `spp` the samples per pixel stored
 * in the block (1 for band-interleaved planes).
 */
export function undoPredictor(
  data: Uint8Array,
  predictor: number,
  bytesPerSample: number,
  width: number,
  rows: number,
  spp: number,
): void {
  const rowSamples = width * spp;
  if (predictor === 2) {
    // One loop per sample type, so each stays monomorphic (a shared loop over a union of typed
    // arrays ran several times slower).
    if (bytesPerSample === 1) undoHorizontal(data, rows, rowSamples, spp);
    else if (bytesPerSample === 2) undoHorizontal16(new Uint16Array(data.buffer, data.byteOffset, data.byteLength >> 1), rows, rowSamples, spp);
    else undoHorizontal32(new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2), rows, rowSamples, spp);
  } else if (predictor === 3) {
    const rowBytes = rowSamples * bytesPerSample;
    const tmp = new Uint8Array(rowBytes);
    for (let r = 0; r < rows; r++) {
      const base = r * rowBytes;
      for (let i = base + spp; i < base + rowBytes; i++) data[i] = (data[i] + data[i - spp]) & 0xff;
      tmp.set(data.subarray(base, base + rowBytes));
      // Byte planes are most-significant first; native order here is little-endian.
      for (let s = 0; s < rowSamples; s++)
        for (let b = 0; b < bytesPerSample; b++) data[base + s * bytesPerSample + (bytesPerSample - 1 - b)] = tmp[b * rowSamples + s];
    }
  }
}

function undoHorizontal(arr: Uint8Array, rows: number, rowSamples: number, spp: number): void {
  for (let r = 0; r < rows; r++) {
    const end = (r + 1) * rowSamples;
    for (let i = r * rowSamples + spp; i < end; i++) arr[i] += arr[i - spp];
  }
}

function undoHorizontal32(arr: Uint32Array, rows: number, rowSamples: number, spp: number): void {
  for (let r = 0; r < rows; r++) {
    const end = (r + 1) * rowSamples;
    for (let i = r * rowSamples + spp; i < end; i++) arr[i] += arr[i - spp];
  }
}

/**
 * 16-bit. Four samples per pixel (the common RGBN case) go two lanes per 32-bit word: a pixel is
 * two words whose 16-bit lanes are independent sums, added without carry from lane to lane
 * ((x & 0x7fff7fff) + (y & 0x7fff7fff) sums the low 15 bits of each; the top bits are x ^ y ^ carry,
 * which the final XOR supplies). Half the loads and stores of lane-by-lane sums; the same bits.
 */
function undoHorizontal16(arr: Uint16Array, rows: number, rowSamples: number, spp: number): void {
  if (spp !== 4 || rowSamples % 4 !== 0 || arr.byteOffset % 4 !== 0) {
    for (let r = 0; r < rows; r++) {
      const end = (r + 1) * rowSamples;
      for (let i = r * rowSamples + spp; i < end; i++) arr[i] += arr[i - spp];
    }
    return;
  }
  const words = new Uint32Array(arr.buffer, arr.byteOffset, arr.length >> 1);
  const rowWords = rowSamples >> 1;
  for (let r = 0; r < rows; r++) {
    const base = r * rowWords;
    let p = words[base] | 0;
    let q = words[base + 1] | 0;
    for (let i = base + 2, end = base + rowWords; i < end; i += 2) {
      const x = words[i] | 0;
      const y = words[i + 1] | 0;
      p = (((p & 0x7fff7fff) + (x & 0x7fff7fff)) | 0) ^ ((p ^ x) & 0x80008000);
      q = (((q & 0x7fff7fff) + (y & 0x7fff7fff)) | 0) ^ ((q ^ y) & 0x80008000);
      words[i] = p;
      words[i + 1] = q;
    }
  }
}

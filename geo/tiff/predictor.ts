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
    const arr =
      bytesPerSample === 1 ? data
      : bytesPerSample === 2 ? new Uint16Array(data.buffer, data.byteOffset, data.byteLength >> 1)
      : new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2);
    for (let r = 0; r < rows; r++) {
      const end = (r + 1) * rowSamples;
      for (let i = r * rowSamples + spp; i < end; i++) arr[i] += arr[i - spp];
    }
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

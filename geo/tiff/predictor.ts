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

/** 16-bit; four samples per pixel (the common RGBN case) keep their running values in registers. */
function undoHorizontal16(arr: Uint16Array, rows: number, rowSamples: number, spp: number): void {
  if (spp !== 4 || rowSamples % 4 !== 0) {
    for (let r = 0; r < rows; r++) {
      const end = (r + 1) * rowSamples;
      for (let i = r * rowSamples + spp; i < end; i++) arr[i] += arr[i - spp];
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const base = r * rowSamples;
    let a = arr[base], b = arr[base + 1], c = arr[base + 2], d = arr[base + 3];
    for (let i = base + 4, end = base + rowSamples; i < end; i += 4) {
      a = (a + arr[i]) & 0xffff;
      b = (b + arr[i + 1]) & 0xffff;
      c = (c + arr[i + 2]) & 0xffff;
      d = (d + arr[i + 3]) & 0xffff;
      arr[i] = a;
      arr[i + 1] = b;
      arr[i + 2] = c;
      arr[i + 3] = d;
    }
  }
}

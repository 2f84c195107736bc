/**
 * Mean over a (2r+1)² square around each pixel of a row-major width × height band, counting only
 * pixels with valid = 1 and only pixels inside the window (so a window clipped at the image edge
 * matches the whole image there). Separable running sums: cost independent of r. Returns a new array;
 * pixels with no valid neighbour get 0. `count` (optional) receives the valid-neighbour counts and
 * can be passed back in to skip recomputing them for further bands with the same validity.
 */
export function boxMean(
  src: Float32Array,
  valid: Uint8Array,
  width: number,
  height: number,
  r: number,
  count?: Float32Array,
): Float32Array {
  const n = width * height;
  if (r <= 0) return src.slice();
  const rowSum = new Float64Array(n);
  const out = new Float32Array(n);
  // Horizontal running sums of valid values.
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let s = 0;
    for (let x = 0; x < Math.min(r, width); x++) if (valid[base + x]) s += src[base + x];
    for (let x = 0; x < width; x++) {
      const add = x + r;
      if (add < width && valid[base + add]) s += src[base + add];
      rowSum[base + x] = s;
      const drop = x - r;
      if (drop >= 0 && valid[base + drop]) s -= src[base + drop];
    }
  }
  let cnt = count;
  if (!cnt || cnt.length !== n || cnt[0] === 0) {
    cnt = cnt && cnt.length === n ? cnt : new Float32Array(n);
    const rowCnt = new Float32Array(n);
    for (let y = 0; y < height; y++) {
      const base = y * width;
      let s = 0;
      for (let x = 0; x < Math.min(r, width); x++) s += valid[base + x];
      for (let x = 0; x < width; x++) {
        const add = x + r;
        if (add < width) s += valid[base + add];
        rowCnt[base + x] = s;
        const drop = x - r;
        if (drop >= 0) s -= valid[base + drop];
      }
    }
    verticalSum(rowCnt, cnt, width, height, r);
  }
  verticalSum(rowSum, out, width, height, r);
  for (let i = 0; i < n; i++) out[i] = cnt[i] > 0 ? out[i] / cnt[i] : 0;
  return out;
}

/** Column running sums of `src` over ±r rows, row-at-a-time for cache-friendly access. */
function verticalSum(src: Float64Array | Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const acc = new Float64Array(width);
  for (let y = 0; y < Math.min(r, height); y++) {
    const b = y * width;
    for (let x = 0; x < width; x++) acc[x] += src[b + x];
  }
  for (let y = 0; y < height; y++) {
    const add = y + r;
    if (add < height) {
      const b = add * width;
      for (let x = 0; x < width; x++) acc[x] += src[b + x];
    }
    const o = y * width;
    for (let x = 0; x < width; x++) dst[o + x] = acc[x];
    const drop = y - r;
    if (drop >= 0) {
      const b = drop * width;
      for (let x = 0; x < width; x++) acc[x] -= src[b + x];
    }
  }
}

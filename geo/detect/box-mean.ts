/**
 * Mean over a (2r+1)² square around each pixel of a row-major width × height band, counting only
 * pixels with valid = 1 and only pixels inside the window (so a window clipped at the image edge
 * matches the whole image there). Separable running sums in float64: cost independent of r, and
 * exact for integer samples, so a window's core matches the whole image bit for bit. Pixels with no
 * valid neighbour get 0. Pass the same `count` array (zero-filled) for bands sharing a validity mask
 * to compute the neighbour counts once.
 */
export function boxMean(
  src: Float32Array,
  valid: Uint8Array,
  width: number,
  height: number,
  r: number,
  count?: Float64Array,
  scratch?: BoxScratch,
): Float32Array {
  const n = width * height;
  if (r <= 0) return src.slice();
  const s = scratch && scratch.a.length === n ? scratch : newBoxScratch(n);
  const masked = s.a;
  for (let i = 0; i < n; i++) masked[i] = valid[i] ? src[i] : 0;
  const sum = s.b;
  boxSum(masked, sum, width, height, r, s.c);
  let cnt = count;
  if (!cnt || cnt.length !== n || !cnt.some((v) => v > 0)) {
    cnt = cnt && cnt.length === n ? cnt : new Float64Array(n);
    for (let i = 0; i < n; i++) masked[i] = valid[i];
    boxSum(masked, cnt, width, height, r, s.c);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = cnt[i] > 0 ? sum[i] / cnt[i] : 0;
  return out;
}

/** Work buffers for boxMean, reusable across bands of the same window size. */
export interface BoxScratch {
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
}

export function newBoxScratch(n: number): BoxScratch {
  return { a: new Float64Array(n), b: new Float64Array(n), c: new Float64Array(n) };
}

/** Sum over the clipped (2r+1)² square: row running sums, then column sums a row at a time. */
function boxSum(src: Float64Array, dst: Float64Array, width: number, height: number, r: number, rows: Float64Array): void {
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let s = 0;
    const pre = r < width ? r : width;
    for (let x = 0; x < pre; x++) s += src[base + x];
    for (let x = 0; x < width; x++) {
      if (x + r < width) s += src[base + x + r];
      rows[base + x] = s;
      if (x - r >= 0) s -= src[base + x - r];
    }
  }
  const acc = new Float64Array(width);
  const pre = r < height ? r : height;
  for (let y = 0; y < pre; y++) {
    const b = y * width;
    for (let x = 0; x < width; x++) acc[x] += rows[b + x];
  }
  for (let y = 0; y < height; y++) {
    if (y + r < height) {
      const b = (y + r) * width;
      for (let x = 0; x < width; x++) acc[x] += rows[b + x];
    }
    const o = y * width;
    for (let x = 0; x < width; x++) dst[o + x] = acc[x];
    if (y - r >= 0) {
      const b = (y - r) * width;
      for (let x = 0; x < width; x++) acc[x] -= rows[b + x];
    }
  }
}

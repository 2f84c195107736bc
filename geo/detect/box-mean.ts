/**
 * Mean over a (2r+1)² square around each pixel of a row-major width × height band, counting only
 * pixels with valid = 1 and only pixels inside the window (so a window clipped at the image edge
 * matches the whole image there), then mapped linearly: out = mean · scale + offset. Separable
 * running sums, cost independent of r. Sums are exact for integer samples (float32 holds integers
 * to 2^24: 49 uint16 values), so a window's core matches the whole image bit for bit. Pixels with no
 * valid neighbour get `offset`.
 */
export interface BoxMeanOptions {
  /** Output array (new one if absent). */
  out?: Float32Array;
  scale?: number;
  offset?: number;
  /** Valid-neighbour counts: computed into it when `countReady` is false, read when true. */
  count?: Float32Array;
  countReady?: boolean;
  /** Work buffers of length width × height, reusable across bands. */
  scratch?: [Float32Array, Float32Array];
}

export function boxMean(
  src: Float32Array,
  valid: Uint8Array,
  width: number,
  height: number,
  r: number,
  opts: BoxMeanOptions = {},
): Float32Array {
  const n = width * height;
  const out = opts.out ?? new Float32Array(n);
  const scale = opts.scale ?? 1;
  const offset = opts.offset ?? 0;
  if (r <= 0) {
    for (let i = 0; i < n; i++) out[i] = src[i] * scale + offset;
    return out;
  }
  const [masked, rows] = opts.scratch ?? [new Float32Array(n), new Float32Array(n)];
  let allValid = true;
  for (let i = 0; i < n; i++) if (!valid[i]) { allValid = false; break; }
  const cnt = opts.count ?? new Float32Array(n);
  if (!opts.countReady || !opts.count) {
    for (let i = 0; i < n; i++) masked[i] = valid[i];
    boxSum(masked, cnt, width, height, r, rows);
  }
  let input = src;
  if (!allValid) {
    for (let i = 0; i < n; i++) masked[i] = valid[i] ? src[i] : 0;
    input = masked;
  }
  boxSum(input, out, width, height, r, rows);
  for (let i = 0; i < n; i++) {
    const c = cnt[i];
    out[i] = c > 0 ? (out[i] / c) * scale + offset : offset;
  }
  return out;
}

/** Sum over the clipped (2r+1)² square: row running sums, then column sums a row at a time. */
function boxSum(src: Float32Array, dst: Float32Array, width: number, height: number, r: number, rows: Float32Array): void {
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

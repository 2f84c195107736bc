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
  /** Output layout: pixel i goes to out[i · stride + band] (default 1 and 0: a plain band). */
  stride?: number;
  band?: number;
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
  const stride = opts.stride ?? 1;
  const band = opts.band ?? 0;
  const out = opts.out ?? new Float32Array(n * stride);
  const scale = opts.scale ?? 1;
  const offset = opts.offset ?? 0;
  if (r <= 0) {
    for (let i = 0; i < n; i++) out[i * stride + band] = src[i] * scale + offset;
    return out;
  }
  const [masked, rows] = opts.scratch ?? [new Float32Array(n), new Float32Array(n)];
  let allValid = true;
  for (let i = 0; i < n; i++) if (!valid[i]) { allValid = false; break; }
  let cnt: Float32Array | null = null;
  if (!allValid) {
    // Counts as a box sum of the 0/1 mask; with every pixel valid they follow from the clipping alone.
    cnt = opts.count ?? new Float32Array(n);
    if (!opts.countReady || !opts.count) {
      for (let i = 0; i < n; i++) masked[i] = valid[i];
      rowSums(masked, rows, width, height, r);
      columnMeans(rows, cnt, width, height, r, null, 1, 0, 1, 0, true);
    }
  }
  let input = src;
  if (!allValid) {
    for (let i = 0; i < n; i++) masked[i] = valid[i] ? src[i] : 0;
    input = masked;
  }
  rowSums(input, rows, width, height, r);
  columnMeans(rows, out, width, height, r, cnt, scale, offset, stride, band, false);
  return out;
}

/**
 * Running sums along each row over [x − r, x + r] ∩ [0, width). The additions and subtractions
 * happen in the same order as a plain running sum, so results do not depend on the loop split.
 */
function rowSums(src: Float32Array, rows: Float32Array, w: number, h: number, r: number): void {
  const pre = r < w ? r : w;
  const wide = w > 2 * r;
  for (let y = 0; y < h; y++) {
    const base = y * w;
    let s = 0;
    for (let x = 0; x < pre; x++) s += src[base + x];
    if (wide) {
      let x = 0;
      for (; x < r; x++) {
        s += src[base + x + r];
        rows[base + x] = s;
      }
      for (; x < w - r; x++) {
        s += src[base + x + r];
        rows[base + x] = s;
        s -= src[base + x - r];
      }
      for (; x < w; x++) {
        rows[base + x] = s;
        s -= src[base + x - r];
      }
    } else {
      for (let x = 0; x < w; x++) {
        if (x + r < w) s += src[base + x + r];
        rows[base + x] = s;
        if (x - r >= 0) s -= src[base + x - r];
      }
    }
  }
}

/**
 * Column running sums (float64) of the row sums, mapped straight to the output: the sum when `raw`,
 * else (sum / count) · scale + offset with count from `cnt` or, when null, from the clipping.
 * The sum is rounded to float32 before dividing, as storing it would.
 */
function columnMeans(
  rows: Float32Array,
  dst: Float32Array,
  w: number,
  h: number,
  r: number,
  cnt: Float32Array | null,
  scale: number,
  offset: number,
  stride: number,
  band: number,
  raw: boolean,
): void {
  const acc = new Float64Array(w);
  const cx = new Float64Array(w);
  for (let x = 0; x < w; x++) cx[x] = (x + r < w ? x + r : w - 1) - (x - r > 0 ? x - r : 0) + 1;
  const pre = r < h ? r : h;
  for (let y = 0; y < pre; y++) {
    const b = y * w;
    for (let x = 0; x < w; x++) acc[x] += rows[b + x];
  }
  const fround = Math.fround;
  for (let y = 0; y < h; y++) {
    const add = y + r < h ? (y + r) * w : -1;
    const sub = y - r >= 0 ? (y - r) * w : -1;
    const cy = (y + r < h ? y + r : h - 1) - (y - r > 0 ? y - r : 0) + 1;
    const o = y * w;
    if (add >= 0) for (let x = 0; x < w; x++) acc[x] += rows[add + x];
    if (raw) {
      for (let x = 0; x < w; x++) dst[o + x] = acc[x];
    } else if (cnt === null) {
      for (let x = 0, k = o * stride + band; x < w; x++, k += stride) {
        dst[k] = (fround(acc[x]) / (cx[x] * cy)) * scale + offset;
      }
    } else {
      for (let x = 0, k = o * stride + band; x < w; x++, k += stride) {
        const c = cnt[o + x];
        dst[k] = c > 0 ? (fround(acc[x]) / c) * scale + offset : offset;
      }
    }
    if (sub >= 0) for (let x = 0; x < w; x++) acc[x] -= rows[sub + x];
  }
}

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
  /** Work buffer of length width × height for computing the counts, reusable across bands. */
  scratch?: Float32Array;
  /** Output layout: pixel i goes to out[i · stride + band] (default 1 and 0: a plain band). */
  stride?: number;
  band?: number;
  /** Whether every pixel is valid, when the caller already knows (saves a scan). */
  allValid?: boolean;
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
  let allValid = opts.allValid ?? true;
  if (opts.allValid === undefined) for (let i = 0; i < n; i++) if (!valid[i]) { allValid = false; break; }
  let cnt: Float32Array | null = null;
  if (!allValid) {
    // Counts as a box sum of the 0/1 mask; with every pixel valid they follow from the clipping alone.
    cnt = opts.count ?? new Float32Array(n);
    if (!opts.countReady || !opts.count) {
      const ones = opts.scratch ?? new Float32Array(n);
      for (let i = 0; i < n; i++) ones[i] = valid[i];
      boxStream(ones, null, cnt, width, height, r, null, 1, 0, 1, 0, true);
    }
  }
  boxStream(src, allValid ? null : valid, out, width, height, r, cnt, scale, offset, stride, band, false);
  return out;
}

/**
 * One pass over the rows: the row running sums of the 2r + 1 rows around the current one live in a
 * small ring (float32, as a full row-sum image would store them) and are combined with float64 column
 * running sums, so nothing image-sized is written but the output. The additions and subtractions
 * happen in the same order as plain running sums, so results are identical to the two-pass form.
 * The column sum is rounded to float32 before dividing, as storing it would. `valid` (null when all
 * are) zeroes invalid samples; `raw` writes plain sums.
 */
function boxStream(
  src: Float32Array,
  valid: Uint8Array | null,
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
  const span = 2 * r + 1;
  const ring = new Float32Array(span * w);
  const acc = new Float64Array(w);
  const cx = new Float64Array(w);
  for (let x = 0; x < w; x++) cx[x] = (x + r < w ? x + r : w - 1) - (x - r > 0 ? x - r : 0) + 1;
  const row = (y: number): number => {
    const o = (y % span) * w;
    rowSum(src, valid, y * w, ring, o, w, r);
    return o;
  };
  const pre = r < h ? r : h;
  for (let y = 0; y < pre; y++) {
    const o = row(y);
    for (let x = 0; x < w; x++) acc[x] += ring[o + x];
  }
  const fround = Math.fround;
  for (let y = 0; y < h; y++) {
    if (!raw && cnt === null && y + r < h && y - r >= 0) {
      // Interior rows, the common case: add, write and subtract in one sweep (same order of operations).
      const ao = row(y + r);
      const so = ((y - r) % span) * w;
      const cy = span;
      for (let x = 0, k = y * w * stride + band; x < w; x++, k += stride) {
        const a = acc[x] + ring[ao + x];
        dst[k] = (fround(a) / (cx[x] * cy)) * scale + offset;
        acc[x] = a - ring[so + x];
      }
      continue;
    }
    if (y + r < h) {
      const o = row(y + r);
      for (let x = 0; x < w; x++) acc[x] += ring[o + x];
    }
    const o = y * w;
    if (raw) {
      for (let x = 0; x < w; x++) dst[o + x] = acc[x];
    } else if (cnt === null) {
      const cy = (y + r < h ? y + r : h - 1) - (y - r > 0 ? y - r : 0) + 1;
      for (let x = 0, k = o * stride + band; x < w; x++, k += stride) {
        dst[k] = (fround(acc[x]) / (cx[x] * cy)) * scale + offset;
      }
    } else {
      for (let x = 0, k = o * stride + band; x < w; x++, k += stride) {
        const c = cnt[o + x];
        dst[k] = c > 0 ? (fround(acc[x]) / c) * scale + offset : offset;
      }
    }
    if (y - r >= 0) {
      const b = ((y - r) % span) * w;
      for (let x = 0; x < w; x++) acc[x] -= ring[b + x];
    }
  }
}

/** Running sums of one row over [x − r, x + r] ∩ [0, w), written to out[o ..]. */
function rowSum(src: Float32Array, valid: Uint8Array | null, base: number, out: Float32Array, o: number, w: number, r: number): void {
  const at = valid === null ? (i: number): number => src[i] : (i: number): number => (valid[i] ? src[i] : 0);
  const pre = r < w ? r : w;
  let s = 0;
  for (let x = 0; x < pre; x++) s += at(base + x);
  if (w > 2 * r) {
    let x = 0;
    for (; x < r; x++) {
      s += at(base + x + r);
      out[o + x] = s;
    }
    if (valid === null) {
      for (; x < w - r; x++) {
        s += src[base + x + r];
        out[o + x] = s;
        s -= src[base + x - r];
      }
    } else {
      for (; x < w - r; x++) {
        s += valid[base + x + r] ? src[base + x + r] : 0;
        out[o + x] = s;
        s -= valid[base + x - r] ? src[base + x - r] : 0;
      }
    }
    for (; x < w; x++) {
      out[o + x] = s;
      s -= at(base + x - r);
    }
  } else {
    for (let x = 0; x < w; x++) {
      if (x + r < w) s += at(base + x + r);
      out[o + x] = s;
      if (x - r >= 0) s -= at(base + x - r);
    }
  }
}

/**
 * `boxMean` of four all-valid bands at once into pixel-interleaved `out` (pixel i, band b at
 * i · 4 + b), each band mapped with its own scale and offset. The four running sums are independent,
 * so interleaving them keeps the CPU busy where one chain would wait on each addition; the
 * arithmetic per band is exactly `boxMean`'s, so results are identical. `integer16`: the caller
 * knows the samples are integers below 2^16 in magnitude (BandStack.integer16), which saves the scan
 * for whether sums are exact.
 */
export function boxMean4(
  src: Float32Array[],
  width: number,
  height: number,
  r: number,
  scale: ArrayLike<number>,
  offset: ArrayLike<number>,
  out: Float32Array,
  integer16 = false,
): Float32Array {
  const w = width;
  const h = height;
  const s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3];
  if (r <= 0) {
    for (let i = 0, k = 0; i < w * h; i++, k += 4) {
      out[k] = s0[i] * scale[0] + offset[0];
      out[k + 1] = s1[i] * scale[1] + offset[1];
      out[k + 2] = s2[i] * scale[2] + offset[2];
      out[k + 3] = s3[i] * scale[3] + offset[3];
    }
    return out;
  }
  if (w <= 2 * r || h <= 2 * r) {
    const ones = new Uint8Array(w * h).fill(1);
    for (let b = 0; b < 4; b++) boxMean(src[b], ones, w, h, r, { out, stride: 4, band: b, scale: scale[b], offset: offset[b], allValid: true });
    return out;
  }
  const span = 2 * r + 1;
  // Sums of span² samples below 2^16 in magnitude stay below 2^24 while span² ≤ 256.
  if ((integer16 && span <= 16) || sumsExact(src, w, h, span)) return boxMean4Exact(src, w, h, r, scale, offset, out);
  const w4 = 4 * w;
  const ring = new Float32Array(span * w4);
  const acc = new Float64Array(w4);
  // Per interleaved column j: the clipped column count (× the full row count inside), scale, offset.
  const den = new Float64Array(w4);
  const sc = new Float64Array(w4);
  const of = new Float64Array(w4);
  for (let x = 0; x < w; x++) {
    const cx = (x + r < w ? x + r : w - 1) - (x - r > 0 ? x - r : 0) + 1;
    for (let b = 0; b < 4; b++) {
      den[4 * x + b] = cx;
      sc[4 * x + b] = scale[b];
      of[4 * x + b] = offset[b];
    }
  }
  const row = (y: number): number => {
    const o = (y % span) * w4;
    const base = y * w;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let x = 0; x < r; x++) {
      a0 += s0[base + x]; a1 += s1[base + x]; a2 += s2[base + x]; a3 += s3[base + x];
    }
    let x = 0;
    for (; x < r; x++) {
      const p = base + x + r;
      a0 += s0[p]; a1 += s1[p]; a2 += s2[p]; a3 += s3[p];
      const k = o + 4 * x;
      ring[k] = a0; ring[k + 1] = a1; ring[k + 2] = a2; ring[k + 3] = a3;
    }
    for (; x < w - r; x++) {
      const p = base + x + r;
      a0 += s0[p]; a1 += s1[p]; a2 += s2[p]; a3 += s3[p];
      const k = o + 4 * x;
      ring[k] = a0; ring[k + 1] = a1; ring[k + 2] = a2; ring[k + 3] = a3;
      const q = base + x - r;
      a0 -= s0[q]; a1 -= s1[q]; a2 -= s2[q]; a3 -= s3[q];
    }
    for (; x < w; x++) {
      const k = o + 4 * x;
      ring[k] = a0; ring[k + 1] = a1; ring[k + 2] = a2; ring[k + 3] = a3;
      const q = base + x - r;
      a0 -= s0[q]; a1 -= s1[q]; a2 -= s2[q]; a3 -= s3[q];
    }
    return o;
  };
  for (let y = 0; y < r; y++) {
    const o = row(y);
    for (let j = 0; j < w4; j++) acc[j] += ring[o + j];
  }
  const fround = Math.fround;
  for (let y = 0; y < h; y++) {
    const cy = (y + r < h ? y + r : h - 1) - (y - r > 0 ? y - r : 0) + 1;
    const ao = y + r < h ? row(y + r) : -1;
    const so = y - r >= 0 ? ((y - r) % span) * w4 : -1;
    const ob = y * w4;
    if (ao >= 0 && so >= 0) {
      for (let j = 0; j < w4; j++) {
        const a = acc[j] + ring[ao + j];
        out[ob + j] = (fround(a) / (den[j] * cy)) * sc[j] + of[j];
        acc[j] = a - ring[so + j];
      }
      continue;
    }
    if (ao >= 0) for (let j = 0; j < w4; j++) acc[j] += ring[ao + j];
    for (let j = 0; j < w4; j++) out[ob + j] = (fround(acc[j]) / (den[j] * cy)) * sc[j] + of[j];
    if (so >= 0) for (let j = 0; j < w4; j++) acc[j] -= ring[so + j];
  }
  return out;
}

/**
 * Whether every sample is an integer small enough that all partial sums of a (span)²
 * box are exact in float32 (≤ 2^24), as with uint8/uint16 imagery: `boxMean4`'s sums are then the
 * exact integer sums whatever order they are taken in. Checked four bands at a time, one row at a
 * time (stops at the first row that fails); the bound is a power of two so one OR covers it.
 */
function sumsExact(src: Float32Array[], w: number, h: number, span: number): boolean {
  const bound = 2 ** Math.floor(Math.log2(2 ** 24 / (span * span)));
  const s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3];
  for (let y = 0; y < h; y++) {
    let ok = true;
    let or = 0;
    for (let i = y * w, end = i + w; i < end; i++) {
      const a = s0[i], b = s1[i], c = s2[i], d = s3[i];
      const ta = a | 0, tb = b | 0, tc = c | 0, td = d | 0;
      // t + bound lies in [0, 2 · bound) exactly when −bound ≤ t < bound.
      or |= (ta + bound) | (tb + bound) | (tc + bound) | (td + bound);
      ok = ok && ta === a && tb === b && tc === c && td === d;
    }
    if (!ok || or < 0 || or >= 2 * bound) return false;
  }
  return true;
}

/**
 * `boxMean4` for samples passing `sumsExact`, column sums first: one float64 column sum per pair of
 * bands is updated by the entering and leaving row, then each output row is a running sum along it.
 * Two bands share a double as lo + hi · 2^25: every sum of the box stays below 2^24 in magnitude,
 * so the packed sums are exact integers below 2^50 and unpack exactly (hi is the packed sum · 2^−25
 * rounded to nearest, lo the rest), which halves the column traffic. The per-band sums are the same
 * integers as summing bands apart, so the output is identical. The loops live in per-row functions:
 * they are compiled once every path in them has run (a whole-image function compiled mid-image
 * lacked feedback for the bottom rows and sometimes stayed half optimised).
 */
function boxMean4Exact(src: Float32Array[], w: number, h: number, r: number, scale: ArrayLike<number>, offset: ArrayLike<number>, out: Float32Array): Float32Array {
  const s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3];
  const map = Float64Array.of(scale[0], scale[1], scale[2], scale[3], offset[0], offset[1], offset[2], offset[3]);
  // Column sums, two per column: bands 0 + 1 · 2^25 and 2 + 3 · 2^25.
  const col = new Float64Array(2 * w);
  const cx = new Float64Array(w);
  for (let x = 0; x < w; x++) cx[x] = (x + r < w ? x + r : w - 1) - (x - r > 0 ? x - r : 0) + 1;
  for (let y = 0; y < r; y++) addRow(s0, s1, s2, s3, col, y * w, w, 1);
  for (let y = 0; y < h; y++) {
    if (y + r < h && y - r - 1 >= 0) slideRow(s0, s1, s2, s3, col, (y + r) * w, (y - r - 1) * w, w);
    else {
      if (y + r < h) addRow(s0, s1, s2, s3, col, (y + r) * w, w, 1);
      if (y - r - 1 >= 0) addRow(s0, s1, s2, s3, col, (y - r - 1) * w, w, -1);
    }
    const cy = (y + r < h ? y + r : h - 1) - (y - r > 0 ? y - r : 0) + 1;
    meanRow(col, cx, cy, w, r, map, out, 4 * y * w);
  }
  return out;
}

/** Pairs of band sums share one double as lo + hi · PACK (see boxMean4Exact). */
const PACK = 2 ** 25;
const UNPACK = 2 ** -25;

/** Adds (sign 1) or removes (−1) image row p in the packed column sums. */
function addRow(s0: Float32Array, s1: Float32Array, s2: Float32Array, s3: Float32Array, col: Float64Array, p: number, w: number, sign: number): void {
  for (let x = 0, j = 0; x < w; x++, j += 2) {
    col[j] += sign * (s0[p + x] + s1[p + x] * PACK);
    col[j + 1] += sign * (s2[p + x] + s3[p + x] * PACK);
  }
}

/** Adds image row pin and removes row pout in the packed column sums, in one sweep. */
function slideRow(s0: Float32Array, s1: Float32Array, s2: Float32Array, s3: Float32Array, col: Float64Array, pin: number, pout: number, w: number): void {
  for (let x = 0, j = 0; x < w; x++, j += 2) {
    const p = pin + x;
    const q = pout + x;
    col[j] += s0[p] + s1[p] * PACK - (s0[q] + s1[q] * PACK);
    col[j + 1] += s2[p] + s3[p] * PACK - (s2[q] + s3[q] * PACK);
  }
}

/**
 * One output row from the packed column sums: running sums over 2r + 1 columns, unpacked and
 * mapped as (sum / count) · scale + offset (map: four scales, four offsets).
 */
function meanRow(col: Float64Array, cx: Float64Array, cy: number, w: number, r: number, map: Float64Array, out: Float32Array, ob: number): void {
  const k0 = map[0], k1 = map[1], k2 = map[2], k3 = map[3];
  const o0 = map[4], o1 = map[5], o2 = map[6], o3 = map[7];
  let a = 0, b = 0;
  for (let j = 0; j < 2 * r; j += 2) {
    a += col[j];
    b += col[j + 1];
  }
  for (let x = 0; x < r; x++) {
    a += col[2 * (x + r)];
    b += col[2 * (x + r) + 1];
    writeMeans(out, ob + 4 * x, a, b, cx[x] * cy, map);
  }
  // Interior columns: the full column count, no clipping tests.
  const d = cx[r] * cy;
  const m0 = k0 / d, m1 = k1 / d, m2 = k2 / d, m3 = k3 / d;
  for (let j = 4 * r, i = 0, k = ob + 4 * r, end = 2 * w; j < end; j += 2, i += 2, k += 4) {
    a += col[j];
    b += col[j + 1];
    // |lo| < 2^24 = PACK / 2, so hi is the packed sum · 2^−25 to nearest (exact: at most 50 bits).
    const h1 = Math.floor(a * UNPACK + 0.5);
    const h3 = Math.floor(b * UNPACK + 0.5);
    out[k] = (a - h1 * PACK) * m0 + o0;
    out[k + 1] = h1 * m1 + o1;
    out[k + 2] = (b - h3 * PACK) * m2 + o2;
    out[k + 3] = h3 * m3 + o3;
    a -= col[i];
    b -= col[i + 1];
  }
  for (let x = w - r; x < w; x++) {
    writeMeans(out, ob + 4 * x, a, b, cx[x] * cy, map);
    a -= col[2 * (x - r)];
    b -= col[2 * (x - r) + 1];
  }
}

/** meanRow's unpack-and-map for one edge pixel. */
function writeMeans(out: Float32Array, k: number, a: number, b: number, d: number, map: Float64Array): void {
  const h1 = Math.floor(a * UNPACK + 0.5);
  const h3 = Math.floor(b * UNPACK + 0.5);
  out[k] = ((a - h1 * PACK) / d) * map[0] + map[4];
  out[k + 1] = (h1 / d) * map[1] + map[5];
  out[k + 2] = ((b - h3 * PACK) / d) * map[2] + map[6];
  out[k + 3] = (h3 / d) * map[3] + map[7];
}

/**
 * `boxMean` of four bands with some invalid pixels, into pixel-interleaved `out` like `boxMean4`:
 * the same column-first running sums, packed two bands a double as in `boxMean4Exact`, with each
 * sample multiplied by its 0/1 validity and a third running sum counting the valid pixels, which
 * divides instead of the box's area (no valid neighbour: `offset`). Needs what `boxMean4Exact`
 * needs, returns false without writing when that is not the case: r ≥ 1, a window wider and taller
 * than 2r, and sums exact (`integer16` with a box of at most 16², else `sumsExact`). The sums are
 * then the same integers as `boxMean`'s over the valid pixels, so the output is identical, with no
 * image-sized count or scratch buffer.
 */
export function boxMean4Valid(
  src: Float32Array[],
  valid: Uint8Array,
  w: number,
  h: number,
  r: number,
  scale: ArrayLike<number>,
  offset: ArrayLike<number>,
  out: Float32Array,
  integer16 = false,
): boolean {
  const span = 2 * r + 1;
  if (r <= 0 || w <= 2 * r || h <= 2 * r || !((integer16 && span <= 16) || sumsExact(src, w, h, span))) return false;
  const s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3];
  const map = Float64Array.of(scale[0], scale[1], scale[2], scale[3], offset[0], offset[1], offset[2], offset[3]);
  // Column sums, three per column: bands 0 + 1 · 2^25 and 2 + 3 · 2^25 over valid pixels, the valid count.
  const col = new Float64Array(3 * w);
  for (let y = 0; y < r; y++) addValidRow(s0, s1, s2, s3, valid, col, y * w, w, 1);
  for (let y = 0; y < h; y++) {
    if (y + r < h) addValidRow(s0, s1, s2, s3, valid, col, (y + r) * w, w, 1);
    if (y - r - 1 >= 0) addValidRow(s0, s1, s2, s3, valid, col, (y - r - 1) * w, w, -1);
    meanValidRow(col, w, r, map, out, 4 * y * w);
  }
  return true;
}

/** Adds (sign 1) or removes (−1) the valid pixels of image row p in boxMean4Valid's column sums. */
function addValidRow(s0: Float32Array, s1: Float32Array, s2: Float32Array, s3: Float32Array, valid: Uint8Array, col: Float64Array, p: number, w: number, sign: number): void {
  for (let x = 0, j = 0; x < w; x++, j += 3) {
    const q = p + x;
    const v = valid[q] * sign;
    col[j] += (s0[q] + s1[q] * PACK) * v;
    col[j + 1] += (s2[q] + s3[q] * PACK) * v;
    col[j + 2] += v;
  }
}

/** One output row of boxMean4Valid: as meanRow, dividing by the valid count. */
function meanValidRow(col: Float64Array, w: number, r: number, map: Float64Array, out: Float32Array, ob: number): void {
  let a = 0, b = 0, c = 0;
  for (let j = 0; j < 3 * r; j += 3) {
    a += col[j];
    b += col[j + 1];
    c += col[j + 2];
  }
  for (let x = 0; x < w; x++) {
    if (x + r < w) {
      const j = 3 * (x + r);
      a += col[j];
      b += col[j + 1];
      c += col[j + 2];
    }
    const k = ob + 4 * x;
    // No valid neighbour: the offsets.
    if (c > 0) writeMeans(out, k, a, b, c, map);
    else out.set(map.subarray(4), k);
    if (x >= r) {
      const i = 3 * (x - r);
      a -= col[i];
      b -= col[i + 1];
      c -= col[i + 2];
    }
  }
}

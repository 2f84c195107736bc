import type { BandStack } from '../types.ts';
import type { WorkBuffers } from './work-buffers.ts';

/**
 * Co-registers a later date: `s` resampled bilinearly at (x − sx, y − sy), so that a date whose
 * pixel (x, y) shows the ground at (x + sx, y + sy) of the reference (estimateShift) lines up with
 * it. Sources beyond the window take its nearest edge pixel: callers read a margin of more than
 * |sx|, |sy| around what they use (readExtent) and ignore it. A pixel is valid when its four source
 * pixels are. Integer samples are rounded, which keeps them integer (the box mean's exact path) at
 * a cost of 0.3 DN of noise. With `buffers` the result is made of those work buffers (valid until
 * their next use).
 */
export function shiftStack(s: BandStack, sx: number, sy: number, buffers?: WorkBuffers): BandStack {
  const { width: w, height: h } = s;
  const n = w * h;
  const dx = Math.floor(-sx);
  const dy = Math.floor(-sy);
  const ax = -sx - dx;
  const ay = -sy - dy;
  const round = s.integer16 === true;
  // Two source rows interpolated along x, reused as the output row moves down.
  const rowA = new Float64Array(w);
  const rowB = new Float64Array(w);
  const bands = s.bands.map((src, b) => {
    const out = buffers ? buffers.f32(`shift${b}`, n) : new Float32Array(n);
    resampleBand(src, out, w, h, dx, dy, ax, ay, round, rowA, rowB);
    return out;
  });
  const valid = buffers ? buffers.u8('shiftValid', n) : new Uint8Array(n);
  if (allOnes(s.valid)) valid.fill(1);
  else {
    const sv = s.valid;
    for (let y = 0; y < h; y++) {
      const r0 = clamp(y + dy, h) * w, r1 = clamp(y + dy + 1, h) * w;
      for (let x = 0; x < w; x++) {
        const c0 = clamp(x + dx, w), c1 = clamp(x + dx + 1, w);
        valid[y * w + x] = sv[r0 + c0] & sv[r0 + c1] & sv[r1 + c0] & sv[r1 + c1];
      }
    }
  }
  return { width: w, height: h, bands, valid, ...(round ? { integer16: true } : {}) };
}

function allOnes(v: Uint8Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] === 0) return false;
  return true;
}

function clamp(v: number, size: number): number {
  return v < 0 ? 0 : v >= size ? size - 1 : v;
}

/**
 * One band of shiftStack, separably: each source row is interpolated along x once (into `rowA` /
 * `rowB`, which swap as the output row moves down), then pairs of rows along y.
 */
function resampleBand(src: Float32Array, out: Float32Array, w: number, h: number, dx: number, dy: number, ax: number, ay: number, round: boolean, rowA: Float64Array, rowB: Float64Array): void {
  let top = rowA;
  let bottom = rowB;
  let topRow = -1;
  let bottomRow = -1;
  for (let y = 0; y < h; y++) {
    const r0 = clamp(y + dy, h);
    const r1 = clamp(y + dy + 1, h);
    if (r0 === bottomRow) {
      const t = top;
      top = bottom;
      bottom = t;
      topRow = r0;
      bottomRow = -1;
    }
    if (r0 !== topRow) {
      lerpRow(src, r0 * w, w, dx, ax, top);
      topRow = r0;
    }
    if (r1 !== bottomRow) {
      lerpRow(src, r1 * w, w, dx, ax, bottom);
      bottomRow = r1;
    }
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const v = top[x] + ay * (bottom[x] - top[x]);
      out[o + x] = round ? Math.floor(v + 0.5) : v;
    }
  }
}

/** Row `base` of src at x + dx + ax for every x, edge pixels standing in beyond it. */
function lerpRow(src: Float32Array, base: number, w: number, dx: number, ax: number, row: Float64Array): void {
  const lo = Math.max(0, -dx);
  const hi = Math.min(w, w - 1 - dx);
  for (let x = 0; x < lo; x++) row[x] = edge(src, base, w, x + dx, ax);
  for (let x = lo, k = base + lo + dx; x < hi; x++, k++) row[x] = src[k] + ax * (src[k + 1] - src[k]);
  for (let x = Math.max(lo, hi); x < w; x++) row[x] = edge(src, base, w, x + dx, ax);
}

function edge(src: Float32Array, base: number, w: number, c: number, ax: number): number {
  const a = src[base + clamp(c, w)];
  return a + ax * (src[base + clamp(c + 1, w)] - a);
}

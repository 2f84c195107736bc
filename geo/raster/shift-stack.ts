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
  const ax = -sx - Math.floor(-sx);
  const ay = -sy - Math.floor(-sy);
  // Clamped source columns and rows of each output column and row.
  const cols = new Int32Array(2 * w);
  for (let x = 0; x < w; x++) {
    const x0 = x + Math.floor(-sx);
    cols[2 * x] = clamp(x0, w);
    cols[2 * x + 1] = clamp(x0 + 1, w);
  }
  const rows = new Int32Array(2 * h);
  for (let y = 0; y < h; y++) {
    const y0 = y + Math.floor(-sy);
    rows[2 * y] = clamp(y0, h) * w;
    rows[2 * y + 1] = clamp(y0 + 1, h) * w;
  }
  const round = s.integer16 === true;
  const bands = s.bands.map((src, b) => {
    const out = buffers ? buffers.f32(`shift${b}`, n) : new Float32Array(n);
    resampleBand(src, out, w, h, cols, rows, ax, ay, round);
    return out;
  });
  const valid = buffers ? buffers.u8('shiftValid', n) : new Uint8Array(n);
  if (allOnes(s.valid)) valid.fill(1);
  else {
    const sv = s.valid;
    for (let y = 0; y < h; y++) {
      const r0 = rows[2 * y], r1 = rows[2 * y + 1];
      for (let x = 0; x < w; x++) {
        const c0 = cols[2 * x], c1 = cols[2 * x + 1];
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

/** One band of shiftStack: a top-level loop, so it is optimised once for every band and window. */
function resampleBand(src: Float32Array, out: Float32Array, w: number, h: number, cols: Int32Array, rows: Int32Array, ax: number, ay: number, round: boolean): void {
  const w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
  for (let y = 0; y < h; y++) {
    const r0 = rows[2 * y], r1 = rows[2 * y + 1];
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const c0 = cols[2 * x], c1 = cols[2 * x + 1];
      const v = w00 * src[r0 + c0] + w01 * src[r0 + c1] + w10 * src[r1 + c0] + w11 * src[r1 + c1];
      out[o + x] = round ? Math.floor(v + 0.5) : v;
    }
  }
}

import type { BandStack } from '../types.ts';
import type { WorkBuffers } from './work-buffers.ts';

/**
 * Co-registers a later date: the inner window (`margin` pixels in from each side) of `s` resampled
 * bilinearly at (x − sx, y − sy), so that a date whose pixel (x, y) shows the ground at (x + sx,
 * y + sy) of the reference (estimateShift) lines up with it. Requires |sx|, |sy| < margin. A pixel
 * is valid when its four source pixels are. Integer samples are rounded, which keeps them integer
 * (the box mean's exact path) at a cost of 0.3 DN of noise. With `buffers` the result is made of
 * those work buffers (valid until their next use).
 */
export function shiftStack(s: BandStack, sx: number, sy: number, margin: number, buffers?: WorkBuffers): BandStack {
  const W = s.width;
  const w = W - 2 * margin;
  const h = s.height - 2 * margin;
  // Source of output (x, y) is (x + margin − sx, y + margin − sy) in s: whole part and weights.
  const fx = margin - sx;
  const fy = margin - sy;
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const ax = fx - ix;
  const ay = fy - iy;
  const w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
  const round = s.integer16 === true;
  const bands = s.bands.map((src, b) => {
    const out = buffers ? buffers.f32(`shift${b}`, w * h) : new Float32Array(w * h);
    resampleBand(src, W, out, w, h, ix, iy, w00, w01, w10, w11, round);
    return out;
  });
  const valid = buffers ? buffers.u8('shiftValid', w * h) : new Uint8Array(w * h);
  const sv = s.valid;
  for (let y = 0; y < h; y++) {
    const q = (y + iy) * W + ix;
    for (let x = 0; x < w; x++) {
      const i = q + x;
      valid[y * w + x] = sv[i] & sv[i + 1] & sv[i + W] & sv[i + W + 1];
    }
  }
  return { width: w, height: h, bands, valid, ...(round ? { integer16: true } : {}) };
}

/** The inner window of `s`, `margin` pixels in from each side (the reference date beside shiftStack). */
export function cropStack(s: BandStack, margin: number, buffers?: WorkBuffers): BandStack {
  const W = s.width;
  const w = W - 2 * margin;
  const h = s.height - 2 * margin;
  const cut = <T extends Float32Array | Uint8Array>(src: T, out: T): T => {
    for (let y = 0; y < h; y++) out.set(src.subarray((y + margin) * W + margin, (y + margin) * W + margin + w), y * w);
    return out;
  };
  const bands = s.bands.map((b, k) => cut(b, buffers ? buffers.f32(`crop${k}`, w * h) : new Float32Array(w * h)));
  const valid = cut(s.valid, buffers ? buffers.u8('cropValid', w * h) : new Uint8Array(w * h));
  return { width: w, height: h, bands, valid, ...(s.integer16 !== undefined ? { integer16: s.integer16 } : {}) };
}

/** One band of shiftStack: a top-level loop, so it is optimised once for every band and window. */
function resampleBand(src: Float32Array, W: number, out: Float32Array, w: number, h: number, ix: number, iy: number, w00: number, w01: number, w10: number, w11: number, round: boolean): void {
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let i = (y + iy) * W + ix;
    for (let x = 0; x < w; x++, i++) {
      const v = w00 * src[i] + w01 * src[i + 1] + w10 * src[i + W] + w11 * src[i + W + 1];
      out[o + x] = round ? Math.floor(v + 0.5) : v;
    }
  }
}

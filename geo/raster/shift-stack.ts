import type { BandStack } from '../types.ts';

/**
 * Co-registers a later date: the inner window (`margin` pixels in from each side) of `s` resampled
 * bilinearly at (x − sx, y − sy), so that a date whose pixel (x, y) shows the ground at (x + sx,
 * y + sy) of the reference (estimateShift) lines up with it. Requires |sx|, |sy| < margin. A pixel
 * is valid when its four source pixels are. Integer samples are rounded, which keeps them integer
 * (the box mean's exact path) at a cost of 0.3 DN of noise.
 */
export function shiftStack(s: BandStack, sx: number, sy: number, margin: number): BandStack {
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
  const bands = s.bands.map((src) => {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      const o = y * w;
      const q = (y + iy) * W + ix;
      for (let x = 0; x < w; x++) {
        const i = q + x;
        const v = w00 * src[i] + w01 * src[i + 1] + w10 * src[i + W] + w11 * src[i + W + 1];
        out[o + x] = round ? Math.round(v) : v;
      }
    }
    return out;
  });
  const valid = new Uint8Array(w * h);
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
export function cropStack(s: BandStack, margin: number): BandStack {
  const W = s.width;
  const w = W - 2 * margin;
  const h = s.height - 2 * margin;
  const cut = <T extends Float32Array | Uint8Array>(src: T, out: T): T => {
    for (let y = 0; y < h; y++) out.set(src.subarray((y + margin) * W + margin, (y + margin) * W + margin + w), y * w);
    return out;
  };
  return { width: w, height: h, bands: s.bands.map((b) => cut(b, new Float32Array(w * h))), valid: cut(s.valid, new Uint8Array(w * h)), ...(s.integer16 !== undefined ? { integer16: s.integer16 } : {}) };
}

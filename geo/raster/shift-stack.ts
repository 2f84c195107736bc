import type { BandStack } from '../types.ts';
import type { WorkBuffers } from './work-buffers.ts';

/**
 * Co-registers a later date by whole pixels: output (x, y) is `s` at (x − sx, y − sy), so that a
 * date whose pixel (x, y) shows the ground at (x + sx, y + sy) of the reference lines up with it.
 * Sources beyond the window take its nearest edge pixel: callers read a margin of more than |sx|,
 * |sy| around what they use (readExtent) and ignore it. Samples are copied, never interpolated:
 * resampling only the later date blurs it against the earlier one, and the change magnitude reads
 * the difference at edges and in texture as change (see correctedShift). With `buffers` the result
 * is made of those work buffers (valid until their next use).
 */
export function shiftStack(s: BandStack, sx: number, sy: number, buffers?: WorkBuffers): BandStack {
  if (!Number.isInteger(sx) || !Number.isInteger(sy)) throw new RangeError(`shiftStack: shift (${sx}, ${sy}) is not in whole pixels`);
  const { width: w, height: h } = s;
  const n = w * h;
  const bands = s.bands.map((src, b) => {
    const out = buffers ? buffers.f32(`shift${b}`, n) : new Float32Array(n);
    offsetCopy(src, out, w, h, -sx, -sy);
    return out;
  });
  const valid = buffers ? buffers.u8('shiftValid', n) : new Uint8Array(n);
  offsetCopy(s.valid, valid, w, h, -sx, -sy);
  return { width: w, height: h, bands, valid, ...(s.integer16 ? { integer16: true } : {}) };
}

/** out(x, y) = src(clamp(x + dx), clamp(y + dy)), a row at a time. */
function offsetCopy<T extends Float32Array | Uint8Array>(src: T, out: T, w: number, h: number, dx: number, dy: number): void {
  // Output columns [lo, hi) read inside the row; those left and right of them repeat its edge pixels.
  const lo = Math.min(w, Math.max(0, -dx));
  const hi = Math.max(lo, Math.min(w, w - dx));
  for (let y = 0; y < h; y++) {
    const r = Math.min(h - 1, Math.max(0, y + dy)) * w;
    const o = y * w;
    if (hi > lo) out.set(src.subarray(r + lo + dx, r + hi + dx), o + lo);
    if (lo > 0) out.fill(src[r] as never, o, o + lo);
    if (hi < w) out.fill(src[r + w - 1] as never, o + hi, o + w);
  }
}

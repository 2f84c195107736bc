/**
 * Cloud masks on the pair grid. A mask pixel is set when its value is nonzero (so a declared nodata
 * of 0 stays clear, any other nodata counts as unusable). A target pixel is masked when ANY set mask
 * pixel overlaps its footprint, not only the one under its centre: where the grids nest (a 20 m mask
 * on a 10 m image) both rules agree, but where a target pixel straddles mask pixels (offset grids,
 * another CRS) or the mask is finer than the image, nearest neighbour would keep pixels that are
 * partly cloud. A missed cloud pixel can become a false change patch; an extra masked pixel only
 * trims a cloud edge, where masks tend to under-call anyway.
 */
import type { BandStack, PixelWindow } from '../types.ts';
import type { WorkBuffers } from './work-buffers.ts';

/** Footprint overlaps thinner than this (in mask pixels) are registration noise, not touching. */
const TOUCH_EPS = 1e-3;

/**
 * Half the width and height, in source pixels, of the axis-aligned box around a target pixel's
 * footprint, from the source positions of a 2 × 2 block of target pixel centres (row-major).
 */
export function footprintHalfSize(sx: Float64Array, sy: Float64Array): { hx: number; hy: number } {
  const hx = (Math.abs(sx[1] - sx[0]) + Math.abs(sx[2] - sx[0])) / 2;
  const hy = (Math.abs(sy[1] - sy[0]) + Math.abs(sy[2] - sy[0])) / 2;
  return { hx: Number.isFinite(hx) ? hx : 0.5, hy: Number.isFinite(hy) ? hy : 0.5 };
}

/** The mask pixels that footprints of half size (hx, hy) at positions sx, sy can touch, clipped to the mask; null if none. */
export function maskSourceWindow(sx: Float64Array, sy: Float64Array, hx: number, hy: number, maskWidth: number, maskHeight: number): PixelWindow | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < sx.length; i++) {
    if (sx[i] < minX) minX = sx[i];
    if (sx[i] > maxX) maxX = sx[i];
    if (sy[i] < minY) minY = sy[i];
    if (sy[i] > maxY) maxY = sy[i];
  }
  const x0 = Math.max(0, Math.floor(minX - hx));
  const y0 = Math.max(0, Math.floor(minY - hy));
  const x1 = Math.min(maskWidth, Math.ceil(maxX + hx));
  const y1 = Math.min(maskHeight, Math.ceil(maxY + hy));
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * 1 where any nonzero pixel of the single-band mask `src` (read at `srcWin` of the mask image)
 * overlaps the footprint of target pixel i: a box of half size (hx, hy) around (sx[i], sy[i]) in
 * mask pixel coordinates. One summed-area table, then O(1) per target pixel at any scale ratio.
 * Mask pixels outside `srcWin` (past the mask's edge) are clear. With `work` the table and the
 * result are its buffers ('sat', 'mask'), so the result is valid until the next use of `work`.
 */
export function maskOntoGrid(src: BandStack, srcWin: PixelWindow, sx: Float64Array, sy: Float64Array, hx: number, hy: number, work?: WorkBuffers): Uint8Array {
  const w = src.width, h = src.height;
  const m = src.bands[0];
  const W = w + 1;
  // Row 0 and column 0 are zeroed and every other entry is written, so a reused table needs no clearing.
  const sat = work ? work.i32('sat', W * (h + 1)).fill(0, 0, W) : new Int32Array(W * (h + 1));
  for (let r = 0; r < h; r++) {
    sat[(r + 1) * W] = 0;
    let run = 0;
    for (let c = 0; c < w; c++) {
      if (m[r * w + c] !== 0) run++; // NaN counts as set
      sat[(r + 1) * W + c + 1] = sat[r * W + c + 1] + run;
    }
  }
  const out = work ? work.u8('mask', sx.length).fill(0) : new Uint8Array(sx.length);
  for (let i = 0; i < sx.length; i++) {
    const c0 = Math.max(0, Math.floor(sx[i] - hx + TOUCH_EPS) - srcWin.x);
    const c1 = Math.min(w, Math.ceil(sx[i] + hx - TOUCH_EPS) - srcWin.x);
    const r0 = Math.max(0, Math.floor(sy[i] - hy + TOUCH_EPS) - srcWin.y);
    const r1 = Math.min(h, Math.ceil(sy[i] + hy - TOUCH_EPS) - srcWin.y);
    if (c1 <= c0 || r1 <= r0) continue;
    if (sat[r1 * W + c1] - sat[r0 * W + c1] - sat[r1 * W + c0] + sat[r0 * W + c0] > 0) out[i] = 1;
  }
  return out;
}

/** Masked pixels become invalid in both dates, exactly like nodata. */
export function applyMask(masked: Uint8Array, before: BandStack, after: BandStack): void {
  for (let i = 0; i < masked.length; i++)
    if (masked[i]) before.valid[i] = after.valid[i] = 0;
}

/**
 * Bilinear resampling of a source BandStack at given source pixel positions. `sx`, `sy` are
 * continuous pixel coordinates in the source image (centre of pixel k at k + 0.5); `srcWin` says
 * where `src` sits in that image. A target pixel is invalid when the source pixel containing its
 * position is invalid or missing; where some of the 4 bilinear neighbours are invalid or missing
 * (nodata, image edge) it takes the containing pixel's value (nearest) instead of mixing in
 * nodata. Two passes: weights once per pixel, then one tight loop per band.
 */
import type { BandStack, PixelWindow } from '../types.ts';

const INVALID = 0;
const NEAREST = 1;
const BILINEAR = 2;

export function resampleBilinear(src: BandStack, srcWin: PixelWindow, sx: Float64Array, sy: Float64Array, width: number, height: number): BandStack {
  const n = width * height;
  const w = src.width;
  const h = src.height;
  const sv = src.valid;
  const mode = new Uint8Array(n);
  const index = new Int32Array(n);
  const fxs = new Float32Array(n);
  const fys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const px = sx[i] - srcWin.x;
    const py = sy[i] - srcWin.y;
    const cx = Math.floor(px);
    const cy = Math.floor(py);
    if (!(cx >= 0 && cy >= 0 && cx < w && cy < h) || sv[cy * w + cx] === 0) continue;
    // Neighbour cell whose corners are the pixel centres around (px, py).
    const x = px - 0.5;
    const y = py - 0.5;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const k = y0 * w + x0;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h && sv[k] & sv[k + 1] & sv[k + w] & sv[k + w + 1]) {
      mode[i] = BILINEAR;
      index[i] = k;
      fxs[i] = x - x0;
      fys[i] = y - y0;
    } else {
      mode[i] = NEAREST;
      index[i] = cy * w + cx;
    }
  }
  const bands = src.bands.map((s) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const m = mode[i];
      if (m === INVALID) continue;
      const k = index[i];
      if (m === NEAREST) {
        out[i] = s[k];
      } else {
        const fx = fxs[i];
        const top = s[k] + fx * (s[k + 1] - s[k]);
        const bottom = s[k + w] + fx * (s[k + w + 1] - s[k + w]);
        out[i] = top + fys[i] * (bottom - top);
      }
    }
    return out;
  });
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) valid[i] = mode[i] === INVALID ? 0 : 1;
  return { width, height, bands, valid };
}

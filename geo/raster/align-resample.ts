/**
 * Bilinear resampling of a source BandStack at given source pixel positions. `sx`, `sy` are
 * continuous pixel coordinates in the source image (centre of pixel k at k + 0.5); `srcWin` says
 * where `src` sits in that image. A target pixel is invalid when the source pixel containing its
 * position is invalid or missing; where some of the 4 bilinear neighbours are invalid or missing
 * (nodata, image edge) it takes the containing pixel's value (nearest) instead of mixing in
 * nodata.
 */
import type { BandStack, PixelWindow } from '../types.ts';

export function resampleBilinear(src: BandStack, srcWin: PixelWindow, sx: Float64Array, sy: Float64Array, width: number, height: number): BandStack {
  const n = width * height;
  const nb = src.bands.length;
  const bands = Array.from({ length: nb }, () => new Float32Array(n));
  const valid = new Uint8Array(n);
  const w = src.width;
  const h = src.height;
  const sv = src.valid;
  for (let i = 0; i < n; i++) {
    const px = sx[i] - srcWin.x;
    const py = sy[i] - srcWin.y;
    const cx = Math.floor(px);
    const cy = Math.floor(py);
    if (!(cx >= 0 && cy >= 0 && cx < w && cy < h) || sv[cy * w + cx] === 0) continue;
    valid[i] = 1;
    // Neighbour cell whose corners are pixel centres around (px, py).
    const x = px - 0.5;
    const y = py - 0.5;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const k = y0 * w + x0;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h && sv[k] & sv[k + 1] & sv[k + w] & sv[k + w + 1]) {
      const fx = x - x0;
      const fy = y - y0;
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
      for (let b = 0; b < nb; b++) {
        const s = src.bands[b];
        bands[b][i] = w00 * s[k] + w10 * s[k + 1] + w01 * s[k + w] + w11 * s[k + w + 1];
      }
    } else {
      const c = cy * w + cx;
      for (let b = 0; b < nb; b++) bands[b][i] = src.bands[b][c];
    }
  }
  return { width, height, bands, valid };
}

/**
 * Valid-aware k × k box mean of every band (separable running sums), used before bilinear
 * sampling when the source has finer pixels than the target so each target pixel averages the
 * source pixels it covers instead of aliasing (GDAL's "average" resampling, approximately).
 * Validity is kept as it was: nodata pixels stay nodata and do not contribute to neighbours.
 */
import type { BandStack } from '../types.ts';

export function boxMeanStack(src: BandStack, kx: number, ky: number): BandStack {
  const { width: w, height: h, valid } = src;
  const rx = Math.floor(kx / 2);
  const ry = Math.floor(ky / 2);
  const n = w * h;
  // Horizontal pass over the valid mask (counts), then each band (sums).
  const countH = new Float64Array(n);
  const count = new Float64Array(n);
  boxPass(Float64Array.from(valid), countH, w, h, rx, true);
  boxPass(countH, count, w, h, ry, false);
  const bands = src.bands.map((band) => {
    const masked = new Float64Array(n);
    for (let i = 0; i < n; i++) masked[i] = valid[i] ? band[i] : 0;
    const sumH = new Float64Array(n);
    boxPass(masked, sumH, w, h, rx, true);
    boxPass(sumH, masked, w, h, ry, false);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = count[i] > 0 ? masked[i] / count[i] : 0;
    return out;
  });
  return { width: w, height: h, bands, valid: Uint8Array.from(valid) };
}

/** out[i] = sum of inp over ±r along rows (horizontal) or columns, clipped at the edges. */
function boxPass(inp: Float64Array, out: Float64Array, w: number, h: number, r: number, horizontal: boolean): void {
  const lines = horizontal ? h : w;
  const len = horizontal ? w : h;
  const step = horizontal ? 1 : w;
  for (let l = 0; l < lines; l++) {
    const base = horizontal ? l * w : l;
    let acc = 0;
    for (let j = 0; j < Math.min(r, len); j++) acc += inp[base + j * step];
    for (let j = 0; j < len; j++) {
      if (j + r < len) acc += inp[base + (j + r) * step];
      if (j - r - 1 >= 0) acc -= inp[base + (j - r - 1) * step];
      out[base + j * step] = acc;
    }
  }
}

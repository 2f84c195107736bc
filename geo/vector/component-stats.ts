import { CHANGE_TYPES } from '../types.ts';
import type { ChangeRaster, HaloWindow } from '../types.ts';
import type { CoreRuns } from './label-core-runs.ts';

export interface ComponentStats {
  pixelCount: number;
  /** Pixels per CHANGE_TYPES index; classes outside it count as the last ('other'). */
  typeCounts: number[];
  /** Per feature: exact bucket sums, flat [float32 exponent, sum, ...], ascending (exact-feature-sums.ts). */
  featureBuckets: number[][];
}

/**
 * Additive stats of each 8-connected component of a labelled core (see labelCoreRuns), from the
 * window raster's changeClass and feature channels.
 */
export function componentStats(raster: ChangeRaster, win: HaloWindow, L: CoreRuns): ComponentStats[] {
  const { count, x0, x1, y: ry, comp8 } = L;
  const ox = win.core.x - win.outer.x;
  const oy = win.core.y - win.outer.y;
  // Raster order (memory-friendly): counts go straight to their component; feature values
  // are bucketed per run, and the run's bucket sums (exact) are added per component afterwards.
  const nT = CHANGE_TYPES.length;
  const feats = raster.features;
  const nF = feats.length;
  const bits = feats.map((f) => new Uint32Array(f.buffer, f.byteOffset, f.length));
  const cls = raster.changeClass;
  const tcAll = new Int32Array(L.count8 * nT);
  const pixAll = new Float64Array(L.count8);
  const scratch = new Float64Array(256);
  const touched = new Uint8Array(256);
  const list = new Int32Array(256);
  let cap = 1024;
  let tKey = new Int32Array(cap); // component · 256·nF + feature · 256 + exponent
  let tSum = new Float64Array(cap);
  let nt = 0;
  for (let i = 0; i < count; i++) {
    const c = comp8[i];
    const base = (oy + ry[i]) * raster.width + ox;
    const a = base + x0[i];
    const b = base + x1[i];
    pixAll[c] += b - a;
    const tb = c * nT;
    for (let p = a; p < b; p++) {
      const t = cls[p];
      tcAll[tb + (t < nT ? t : nT - 1)]++;
    }
    for (let f = 0; f < nF; f++) {
      const fv = feats[f];
      const fb = bits[f];
      let m = 0;
      for (let p = a; p < b; p++) {
        const e = (fb[p] >>> 23) & 255;
        scratch[e] += fv[p];
        if (touched[e] === 0) {
          touched[e] = 1;
          list[m++] = e;
        }
      }
      if (nt + m > cap) {
        cap = Math.max(cap * 2, nt + m);
        const k2 = new Int32Array(cap);
        k2.set(tKey);
        tKey = k2;
        const s2 = new Float64Array(cap);
        s2.set(tSum);
        tSum = s2;
      }
      const kb = (c * nF + f) * 256;
      for (let j = 0; j < m; j++) {
        const e = list[j];
        tKey[nt] = kb + e;
        tSum[nt++] = scratch[e];
        scratch[e] = 0;
        touched[e] = 0;
      }
    }
  }
  // Group the run buckets by component (counting sort), then add them up.
  const first = new Int32Array(L.count8 + 1);
  const stride = 256 * Math.max(nF, 1);
  for (let k = 0; k < nt; k++) first[((tKey[k] / stride) | 0) + 1]++;
  for (let c = 0; c < L.count8; c++) first[c + 1] += first[c];
  const fill = first.slice(0, L.count8);
  const order = new Int32Array(nt);
  for (let k = 0; k < nt; k++) order[fill[(tKey[k] / stride) | 0]++] = k;
  const acc = new Float64Array(stride);
  const out: ComponentStats[] = new Array(L.count8);
  for (let c = 0; c < L.count8; c++) {
    for (let k = first[c]; k < first[c + 1]; k++) acc[tKey[order[k]] - c * stride] += tSum[order[k]];
    const featureBuckets: number[][] = [];
    for (let f = 0; f < nF; f++) {
      const bk: number[] = [];
      for (let e = 0; e < 256; e++) {
        const v = acc[f * 256 + e];
        if (v !== 0) {
          bk.push(e, v);
          acc[f * 256 + e] = 0;
        }
      }
      featureBuckets.push(bk);
    }
    out[c] = { pixelCount: pixAll[c], typeCounts: Array.from(tcAll.subarray(c * nT, c * nT + nT)), featureBuckets };
  }
  return out;
}

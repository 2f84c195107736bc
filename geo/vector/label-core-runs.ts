import type { ChangeRaster, HaloWindow } from '../types.ts';
import { find, union } from './union-find.ts';

/** Runs of changed pixels in a window's core and their connected-component labels. */
export interface CoreRuns {
  /** Number of runs. */
  count: number;
  /** Run i covers core-local columns [x0[i], x1[i]) of core-local row y[i]; raster order. */
  x0: Int32Array;
  x1: Int32Array;
  y: Int32Array;
  /** 8-connected component of each run, numbered 0.. in raster order of first pixel. */
  comp8: Int32Array;
  /** 4-connected component of each run, numbered 0.. in raster order of first pixel. */
  comp4: Int32Array;
  count8: number;
  count4: number;
  /** The 8-component containing each 4-component. */
  comp4To8: Int32Array;
  /**
   * The core's mask as 0/1 with a one-pixel border of zeros, (width + 2) × (height + 2), so the
   * tracer needs no bounds checks; pixel (x, y) of the core is at (y + 1)·padWidth + x + 1.
   */
  pad: Uint8Array;
  padWidth: number;
}

/**
 * Run-length labelling of `raster.mask` (non-zero = changed) restricted to `win.core`: pixels
 * outside the core count as unchanged. Union-find over runs, joining runs of consecutive rows that
 * overlap (4-connectivity) or overlap or touch at a corner (8-connectivity). Both labellings come
 * out of one pass; roots are the earliest run, so numbering is deterministic.
 */
export function labelCoreRuns(raster: ChangeRaster, win: HaloWindow): CoreRuns {
  const { core, outer } = win;
  const cw = core.width;
  const ch = core.height;
  const ox = core.x - outer.x;
  const oy = core.y - outer.y;
  const W = raster.width;
  const mask = raster.mask;
  const padWidth = cw + 2;
  const pad = new Uint8Array(padWidth * (ch + 2));
  let cap = 1024;
  let x0 = new Int32Array(cap);
  let x1 = new Int32Array(cap);
  let ry = new Int32Array(cap);
  let n = 0;
  const rowStart = new Int32Array(ch + 1);
  // Zero runs are skipped four bytes at a time where the mask's buffer allows it.
  const words = mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : undefined;
  for (let r = 0; r < ch; r++) {
    rowStart[r] = n;
    const src = (oy + r) * W + ox;
    const end = src + cw;
    const dst = (r + 1) * padWidth + 1 - src;
    let p = src;
    while (p < end) {
      if (mask[p] === 0) {
        p++;
        if (words !== undefined && (p & 3) === 0) {
          while (p + 4 <= end && words[p >> 2] === 0) p += 4;
        }
        continue;
      }
      const s = p;
      do p++;
      while (p < end && mask[p] !== 0);
      pad.fill(1, s + dst, p + dst);
      if (n === cap) {
        cap *= 2;
        x0 = grow(x0, cap);
        x1 = grow(x1, cap);
        ry = grow(ry, cap);
      }
      x0[n] = s - src;
      x1[n] = p - src;
      ry[n] = r;
      n++;
    }
  }
  rowStart[ch] = n;

  const p8 = new Int32Array(n);
  const p4 = new Int32Array(n);
  for (let i = 0; i < n; i++) p8[i] = p4[i] = i;
  for (let r = 1; r < ch; r++) {
    const pb = rowStart[r];
    const cb = rowStart[r + 1];
    let j = rowStart[r - 1];
    for (let i = pb; i < cb; i++) {
      const s = x0[i];
      const e = x1[i];
      while (j < pb && x1[j] < s) j++;
      // A previous-row run [s', e') touches [s, e) 8-wise iff s' <= e and e' >= s; 4-wise iff s' < e and e' > s.
      for (let k = j; k < pb && x0[k] <= e; k++) {
        union(p8, i, k);
        if (x0[k] < e && x1[k] > s) union(p4, i, k);
      }
    }
  }

  const comp8 = new Int32Array(n);
  const comp4 = new Int32Array(n);
  let count8 = 0;
  let count4 = 0;
  const to8: number[] = [];
  for (let i = 0; i < n; i++) {
    const r8 = find(p8, i);
    comp8[i] = r8 === i ? count8++ : comp8[r8];
    const r4 = find(p4, i);
    if (r4 === i) {
      comp4[i] = count4++;
      to8.push(comp8[i]);
    } else comp4[i] = comp4[r4];
  }
  return {
    count: n,
    x0,
    x1,
    y: ry,
    comp8,
    comp4,
    count8,
    count4,
    comp4To8: Int32Array.from(to8),
    pad,
    padWidth,
  };
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

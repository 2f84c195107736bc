/**
 * Shadows whose caster is gone. A building casts a shadow at both dates, each where that date's sun
 * puts it. When the sun moved, part of the earlier shadow is lit later (a shadow that left), but while
 * the building stands some of its earlier shadow stays in shadow beside it: satellites pass at about
 * the same local time, so both dates' shadows fall on the same side of the building and overlap
 * along it. A shadow that left with no shadow staying anywhere beside it has lost its caster: the
 * building was demolished. This is how a grey-roofed house razed to grey rubble shows at all (roof
 * and rubble differ by a fifth of the threshold, the shadow by several thresholds).
 *
 * Pure function of the two dates' bands in a window: a component is judged only when it lies inside
 * the window with its surroundings, all of them valid, and is small (a house's shadow), so the result
 * does not depend on how an image is cut into windows (see orphanReach). A shadow on an image's
 * edge, so on a tile border of a run, is not judged in either tile.
 */
import type { BandRoles, BandStack } from '../types.ts';
import { emptyBitMask, type BitMask } from './open-close.ts';
import type { SceneModel } from './scene-model.ts';
import { sameCover } from './same-cover.ts';
import { createWorkBuffers } from '../raster/work-buffers.ts';

/** Coarser pixels mix a house's 2–3 m shadow with the ground around: neither date shows it. */
const ORPHAN_MAX_PIXEL_M = 1.5;
/** A lit former shadow is at least this much brighter than it was. */
const LIT_RATIO = 1.5;
/** Smallest shadow that left worth judging (a single-storey house's casts 40–100 m²). */
export const ORPHAN_MIN_AREA_M2 = 30;
/** Largest (bounding-box side): a house's shadow; larger ones are left to the other rules. */
const MAX_EXTENT_M = 20;
/** How far from the shadow that left a shadow that stayed is looked for (a square of that half-side). */
const STAY_REACH_M = 2;
/**
 * Share of the pixels around it that were dark and are lit but too little or are vegetation or
 * water, at or above which a shadow that left is the fringe of a larger dark area (the edge of a
 * pond or a wood), not a shadow.
 */
const FRINGE_SHARE = 0.3;
/** The body a vanished caster leaves: pixels above this share of the threshold within ORPHAN_GROW_M. */
export const ORPHAN_GROW_RATIO = 0.25;
const ORPHAN_GROW_M = 6;
/** Closing of that body (the rubble is patchy against the roof it replaced). */
const ORPHAN_CLOSE_M = 1;

/** ORPHAN_GROW_M and ORPHAN_CLOSE_M in the model's pixels. */
export function orphanGrowPx(p: Pick<SceneModel, 'pixelSizeM'>): number {
  return Math.round(ORPHAN_GROW_M / p.pixelSizeM);
}
export function orphanClosePx(p: Pick<SceneModel, 'pixelSizeM'>): number {
  return Math.max(1, Math.round(ORPHAN_CLOSE_M / p.pixelSizeM));
}

export type OrphanParams = Pick<SceneModel, 'bandCount' | 'gain' | 'offset' | 'shadowLevel' | 'vegThreshold' | 'waterThreshold' | 'hasNir' | 'pixelSizeM' | 'shadowAngle'>;

export interface OrphanShadows {
  /** Pixels of the shadows that left and lost their caster. */
  pixels: BitMask;
  /** Shadows that left judged (inside the window, of a house's size, not a fringe), and how many were orphans. */
  judged: number;
  orphans: number;
}

/** Whether the test applies: NIR imagery (the shadow rule is on), fine pixels, a model that has the level. */
export function testsOrphans(p: OrphanParams): boolean {
  return p.shadowLevel !== undefined && p.hasNir && p.shadowAngle > 0 && p.pixelSizeM <= ORPHAN_MAX_PIXEL_M;
}

/**
 * Halo in pixels the test and the body it starts need (0 where it does not apply). A core pixel takes
 * part in the detector's last closing with body pixels within twice its radius; such a pixel joined
 * a body within the growth radius (a shadow that left beside it), and was part of an orphan's body
 * within that body's closing and growth reach, its magnitude read over the smoothing and search radii;
 * and the orphan is judged alike only when all of it (at most maxExtent − 1 px across) and the pixels
 * around it where a stayed shadow is looked for lie inside the window.
 */
export function orphanReach(p: OrphanParams & Pick<SceneModel, 'smoothRadius' | 'matchRadius' | 'closeRadius' | 'growRadius'>): number {
  if (!testsOrphans(p)) return 0;
  const toBody = 2 * p.closeRadius + p.growRadius + 2 * orphanClosePx(p) + orphanGrowPx(p);
  return toBody + Math.max(Math.ceil(MAX_EXTENT_M / p.pixelSizeM) + stayReachPx(p), p.smoothRadius + p.matchRadius);
}

function stayReachPx(p: Pick<SceneModel, 'pixelSizeM'>): number {
  return Math.max(1, Math.round(STAY_REACH_M / p.pixelSizeM));
}

const NONE = 0;
const LEFT = 1;
const STAYED = 2;
const FRINGE = 3;

export function orphanShadows(before: BandStack, after: BandStack, roles: BandRoles, p: OrphanParams): OrphanShadows {
  const w = before.width;
  const h = before.height;
  const n = w * h;
  const out = emptyBitMask(w, h);
  if (!testsOrphans(p)) return { pixels: out, judged: 0, orphans: 0 };
  const level = p.shadowLevel!;
  const nb = p.bandCount;
  const A = before.bands;
  const B = after.bands;
  const v0 = before.valid;
  const v1 = after.valid;
  const hasRgb = roles.red !== undefined && roles.green !== undefined && roles.blue !== undefined;
  const ri = roles.red ?? 0;
  const gi = roles.green ?? 0;
  const bi = roles.blue ?? 0;
  const ni = roles.nir ?? 0;
  const wt = p.waterThreshold ?? Infinity;
  const gain = Float64Array.from(p.gain.slice(0, nb));
  const offset = Float64Array.from(p.offset.slice(0, nb));
  const norm = (b: number, i: number): number => gain[b] * B[b][i] + offset[b];
  const unchangedCover = (i: number): boolean =>
    hasRgb && sameCover(A[ri][i], A[gi][i], A[bi][i], A[ni][i], norm(ri, i), norm(gi, i), norm(bi, i), norm(ni, i), true, p.vegThreshold, wt);
  const cls = pool.u8('cls', n);
  // The LEFT pixels, in raster order: where components start.
  const left = pool.i32('left', n);
  let nLeft = nb === 4 ? classify4(A, B, v0, v1, gain, offset, level, cls, left) : classifyAny(A, B, v0, v1, gain, offset, level, cls, left);
  // Dark, then lighter, but vegetation or water at both dates (as the kernel's flags): no shadow.
  let kept = 0;
  for (let k = 0; k < nLeft; k++) {
    const i = left[k];
    if (unchangedCover(i)) cls[i] = FRINGE;
    else left[kept++] = i;
  }
  nLeft = kept;
  const minPixels = ORPHAN_MIN_AREA_M2 / (p.pixelSizeM * p.pixelSizeM);
  const maxExtent = Math.ceil(MAX_EXTENT_M / p.pixelSizeM);
  const reach = stayReachPx(p);
  // Component ids of LEFT pixels, and a stamp per pixel for counting each neighbour once per
  // component. Ids run on across calls, so values left from earlier windows are below this call's
  // first and the buffers need no clearing.
  if (nextId > 0x7fffffff - n) {
    // The whole buffers, not this window's view: a larger window reads past it.
    new Int32Array(pool.i32('label', n).buffer).fill(0);
    new Int32Array(pool.i32('stamp', n).buffer).fill(0);
    nextId = 1;
  }
  const label = pool.i32('label', n);
  const stamp = pool.i32('stamp', n);
  const stack = pool.i32('stack', n);
  const firstId = nextId;
  let judged = 0;
  let orphans = 0;
  for (let k = 0; k < nLeft; k++) {
    const start = left[k];
    if (label[start] >= firstId) continue;
    const id = nextId++;
    // 8-connected component; its pixels end up in stack[0..size).
    let size = 0;
    let top = 0;
    stack[top++] = start;
    label[start] = id;
    let x0 = w, y0 = h, x1 = -1, y1 = -1;
    while (size < top) {
      const i = stack[size++];
      const y = (i / w) | 0;
      const x = i - y * w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (cls[q] === LEFT && label[q] < firstId) {
            label[q] = id;
            stack[top++] = q;
          }
        }
      }
    }
    if (size < minPixels || x1 - x0 >= maxExtent || y1 - y0 >= maxExtent) continue;
    if (x0 < reach || y0 < reach || x1 >= w - reach || y1 >= h - reach) continue;
    // Around it: a shadow that stayed (its caster stands), pixels no date shows (no-data, another
    // tile's ground: then it is not judged here), and its ring of neighbours.
    let stayed = false;
    let unseen = false;
    let ring = 0;
    let fringe = 0;
    for (let k = 0; k < size && !stayed && !unseen; k++) {
      const i = stack[k];
      const y = (i / w) | 0;
      const x = i - y * w;
      for (let dy = -reach; dy <= reach && !stayed && !unseen; dy++) {
        for (let dx = -reach; dx <= reach; dx++) {
          const q = (y + dy) * w + x + dx;
          if (cls[q] === STAYED) {
            stayed = true;
            break;
          }
          if ((v0[q] & v1[q]) === 0) {
            unseen = true;
            break;
          }
          if (dx >= -1 && dx <= 1 && dy >= -1 && dy <= 1 && label[q] !== id && stamp[q] !== id) {
            stamp[q] = id;
            ring++;
            if (cls[q] === FRINGE) fringe++;
          }
        }
      }
    }
    if (unseen || (!stayed && fringe >= FRINGE_SHARE * ring)) continue;
    judged++;
    if (stayed) continue;
    orphans++;
    for (let k = 0; k < size; k++) {
      const i = stack[k];
      const y = (i / w) | 0;
      const x = i - y * w;
      out.bits[y * out.words + (x >> 5)] |= 1 << (x & 31);
    }
  }
  return { pixels: out, judged, orphans };
}

/**
 * Classes of every pixel (NONE where lit, or invalid, at the earlier date) into `cls`; the LEFT
 * ones' indices into `left`, whose count it returns. Four bands, unrolled.
 */
function classify4(A: Float32Array[], B: Float32Array[], v0: Uint8Array, v1: Uint8Array, gain: Float64Array, offset: Float64Array, level: number, cls: Uint8Array, left: Int32Array): number {
  const a0 = A[0], a1 = A[1], a2 = A[2], a3 = A[3];
  const b0 = B[0], b1 = B[1], b2 = B[2], b3 = B[3];
  const g0 = gain[0] * 0.25, g1 = gain[1] * 0.25, g2 = gain[2] * 0.25, g3 = gain[3] * 0.25;
  const off = (offset[0] + offset[1] + offset[2] + offset[3]) * 0.25;
  const n = cls.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s0 = (a0[i] + a1[i] + a2[i] + a3[i]) * 0.25;
    if (!(s0 < level) || (v0[i] & v1[i]) === 0) {
      cls[i] = NONE;
      continue;
    }
    const c = classOf(s0, g0 * b0[i] + g1 * b1[i] + g2 * b2[i] + g3 * b3[i] + off, level);
    cls[i] = c;
    if (c === LEFT) left[m++] = i;
  }
  return m;
}

/** A pixel dark at the earlier date (mean brightness s0) by its later brightness s1. */
function classOf(s0: number, s1: number, level: number): number {
  return s1 < level ? STAYED : s1 >= LIT_RATIO * s0 ? LEFT : FRINGE;
}

/** classify4 for any band count. */
function classifyAny(A: Float32Array[], B: Float32Array[], v0: Uint8Array, v1: Uint8Array, gain: Float64Array, offset: Float64Array, level: number, cls: Uint8Array, left: Int32Array): number {
  const nb = gain.length;
  const n = cls.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let s0 = 0;
    let s1 = 0;
    for (let b = 0; b < nb; b++) {
      s0 += A[b][i];
      s1 += gain[b] * B[b][i] + offset[b];
    }
    s0 /= nb;
    s1 /= nb;
    if (!(s0 < level) || (v0[i] & v1[i]) === 0) {
      cls[i] = NONE;
      continue;
    }
    const c = classOf(s0, s1, level);
    cls[i] = c;
    if (c === LEFT) left[m++] = i;
  }
  return m;
}

/** Work buffers, one set per thread (module instance); nothing returned refers to them. */
const pool = createWorkBuffers();
/** The next component id (see orphanShadows). */
let nextId = 1;

import type { BandStack } from '../types.ts';

/** Largest misregistration searched, pixels per axis. */
export const MAX_SHIFT_PX = 2;
/** Peak correlation a sample window needs to vote (textured, mostly unchanged ground). */
const MIN_PEAK_NCC = 0.5;
/** Windows that must vote for a shift to be reported. */
const MIN_VOTES = 3;

/**
 * Global misregistration of the later date against the earlier over sample windows of one grid:
 * (sx, sy) in pixels such that after(x, y) shows the ground before shows at (x + sx, y + sy).
 *
 * Per window, the normalised cross-correlation of the two dates' brightness (sum of the bands, on
 * every other row and column) is climbed from no shift to its peak over integer offsets, and a
 * parabola through the peak and its neighbours gives the sub-pixel part. Windows whose peak is weak
 * (change, water, flat ground) or on the search border do not vote; the median of the votes per
 * axis is robust to the windows that change dominates. [0, 0] when fewer than MIN_VOTES windows vote.
 */
export function estimateShift(samples: ReadonlyArray<{ before: BandStack; after: BandStack }>): [number, number] {
  return shiftFromVotes(samples.map((s) => windowShift(s.before, s.after))) ?? [0, 0];
}

/**
 * The shift of windows' votes (windowShift, null: no vote), for callers that vote window by window;
 * null when fewer than MIN_VOTES windows voted.
 */
export function shiftFromVotes(votes: ReadonlyArray<[number, number] | null>): [number, number] | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const v of votes) {
    if (v) {
      xs.push(v[0]);
      ys.push(v[1]);
    }
  }
  if (xs.length < MIN_VOTES) return null;
  return [median(xs), median(ys)];
}

/** One window's vote: the peak of its correlation, or null when weak or on the search border. */
export function windowShift(before: BandStack, after: BandStack): [number, number] | null {
  const { width: w, height: h } = before;
  const R = MAX_SHIFT_PX + 1;
  if (w <= 4 * R || h <= 4 * R) return null;
  const a = brightness(after);
  const b = brightness(before);
  const va = after.valid;
  const vb = before.valid;
  const side = 2 * R + 1;
  const memo = new Float64Array(side * side).fill(Number.NaN);
  const ncc = (dx: number, dy: number): number => {
    const k = (dy + R) * side + dx + R;
    if (memo[k] === memo[k]) return memo[k];
    let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let y = R; y < h - R; y += 2) {
      const o = y * w;
      const q = (y + dy) * w + dx;
      for (let x = R; x < w - R; x += 2) {
        if (!(va[o + x] & vb[q + x])) continue;
        const p = a[o + x];
        const r = b[q + x];
        n++;
        sa += p;
        sb += r;
        saa += p * p;
        sbb += r * r;
        sab += p * r;
      }
    }
    const cov = sab - (sa * sb) / n;
    const den = Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
    return (memo[k] = n >= 100 && den > 0 ? cov / den : -Infinity);
  };
  // Hill-climb from no shift to the best of the 8 neighbours until none is better (the correlation
  // of blurred imagery has one broad peak), within MAX_SHIFT_PX.
  let bx = 0;
  let by = 0;
  for (;;) {
    let nx = bx;
    let ny = by;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const x = bx + dx;
        const y = by + dy;
        if (Math.abs(x) > MAX_SHIFT_PX || Math.abs(y) > MAX_SHIFT_PX) continue;
        if (ncc(x, y) > ncc(nx, ny)) {
          nx = x;
          ny = y;
        }
      }
    }
    if (nx === bx && ny === by) break;
    bx = nx;
    by = ny;
  }
  const best = ncc(bx, by);
  if (!(best >= MIN_PEAK_NCC) || Math.abs(bx) === MAX_SHIFT_PX || Math.abs(by) === MAX_SHIFT_PX) return null;
  return [bx + vertex(ncc(bx - 1, by), best, ncc(bx + 1, by)), by + vertex(ncc(bx, by - 1), best, ncc(bx, by + 1))];
}

/** Offset in (−½, ½) of the vertex of the parabola through (−1, l), (0, c), (1, r); 0 if flat. */
function vertex(l: number, c: number, r: number): number {
  const d = l - 2 * c + r;
  if (!(d < 0)) return 0;
  const t = (l - r) / (2 * d);
  return t > 0.5 ? 0.5 : t < -0.5 ? -0.5 : t;
}

function brightness(s: BandStack): Float32Array {
  const n = s.width * s.height;
  const out = new Float32Array(n);
  for (const band of s.bands) for (let i = 0; i < n; i++) out[i] += band[i];
  return out;
}

function median(v: number[]): number {
  const s = [...v].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

import { describe, expect, it } from 'vitest';
import type { BandStack } from '../types.ts';
import { orphanShadows, type OrphanParams } from './orphan-shadows.ts';
import { crop, village } from './test-scene.ts';

const roles = { blue: 0, green: 1, red: 2, nir: 3 };
const W = 128;
const H = 112;
// Ground mean 1525; a shadow keeps 0.45 of it.
const params: OrphanParams = { bandCount: 4, gain: [1, 1, 1, 1], offset: [0, 0, 0, 0], shadowLevel: 0.7 * 1525, vegThreshold: 0.3, waterThreshold: 0.1, hasNir: true, pixelSizeM: 1, shadowAngle: 1 };

function pixelsOf(st: { pixels: { bits: Int32Array | Uint32Array; words: number } }, w: number, h: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((st.pixels.bits[y * st.pixels.words + (x >> 5)] >>> (x & 31)) & 1) out.push([x, y]);
  return out;
}

describe('orphanShadows', () => {
  it('finds the shadow of a razed house, not those of the standing ones whose shadow moved', () => {
    const { before, after, roof } = village({ width: W, height: H, rows: 5, cols: 5, razed: [12] });
    const o = orphanShadows(before, after, roles, params);
    expect(o.judged).toBe(25);
    expect(o.orphans).toBe(1);
    const [x0, y0, x1, y1] = roof(12);
    const px = pixelsOf(o, W, H);
    // Its whole earlier shadow (west and north strips, 57 px), nothing else.
    expect(px.length).toBe(57);
    for (const [x, y] of px) expect(x >= x0 - 3 && x < x1 - 3 && y >= y0 - 3 && y < y1 - 3 && (x < x0 || y < y0)).toBe(true);
  });

  it('finds every shadow an orphan when the sun moved round the houses (the fit then turns the test off)', () => {
    const { before, after } = village({ width: W, height: H, rows: 5, cols: 5, sunRound: true });
    const o = orphanShadows(before, after, roles, params);
    expect(o.judged).toBe(25);
    expect(o.orphans).toBe(25);
  });

  it('does not judge a shadow that reaches the window edge, nor the fringe of a larger dark area', () => {
    const { before, after } = village({ width: W, height: H, rows: 5, cols: 5, razed: [0] });
    // The first column's shadows start 5 px from the left edge: cut the window 6 px in.
    const cut = (s: BandStack): BandStack => crop(s, 6, 0, W - 6, H);
    const o = orphanShadows(cut(before), cut(after), roles, params);
    expect(o.judged).toBe(20);
    expect(o.orphans).toBe(0);
    // Nor one beside pixels no date shows (no-data, or the ground of the next tile).
    const hidden = village({ width: W, height: H, rows: 5, cols: 5, razed: [12] });
    const [x0, y0] = hidden.roof(12);
    for (let y = y0 - 3; y < y0 + 2; y++) hidden.after.valid[y * W + x0 - 5] = 0;
    const h = orphanShadows(hidden.before, hidden.after, roles, params);
    expect(h.judged).toBe(24);
    expect(h.orphans).toBe(0);
    // A dark area (a pond) whose bank strip lit up while the rest got only a little lighter: the
    // strip is the fringe of something else. Lit up as a whole, the same area is an orphan.
    const pond = (inner: number) => {
      const v = village({ width: W, height: H, rows: 5, cols: 5 });
      for (let y = 95; y < 110; y++) for (let x = 20; x < 36; x++) for (let b = 0; b < 4; b++) {
        v.before.bands[b][y * W + x] *= 0.5;
        v.after.bands[b][y * W + x] *= y < 97 ? 1 : inner;
      }
      return orphanShadows(v.before, v.after, roles, params);
    };
    expect(pond(0.72).orphans).toBe(0);
    expect(pond(1).orphans).toBe(1);
  });
});

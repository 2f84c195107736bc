import { describe, expect, it } from 'vitest';
import { CHANGE_TYPES, type BandStack } from '../types.ts';
import { detectHalo } from './detect-halo.ts';
import { detectWindow } from './detect-window.ts';
import { fitSceneModel } from './fit-scene-model.ts';
import { F_LOG_BRIGHTNESS, F_MAGNITUDE, F_ORPHAN_SHADOW, F_RIM } from './scene-model.ts';
import { crop, renderScene, village, withGain, type Cover } from './test-scene.ts';

const roles = { blue: 0, green: 1, red: 2, nir: 3 };
const W = 128;
const H = 128;
const opts = { pixelSizeM: 1 };

/** Left half vegetation, right half built, a water pond; `edit` changes covers for the later date. */
function cover(edit?: (x: number, y: number) => Cover | undefined): Cover[] {
  const c: Cover[] = [];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v: Cover = x < 64 ? 'vegetation' : 'built';
      if (x >= 90 && x < 120 && y >= 90 && y < 120) v = 'water';
      if (x >= 70 && x < 86 && y >= 10 && y < 40) v = 'bare';
      c.push(edit?.(x, y) ?? v);
    }
  }
  return c;
}
const inPlanted = (x: number, y: number): boolean => x >= 20 && x < 44 && y >= 60 && y < 84;
const planted = cover((x, y) => (inPlanted(x, y) ? 'bare' : undefined));

function run(before: BandStack, after: BandStack) {
  const model = fitSceneModel([{ before, after }], roles, opts);
  return { model, out: detectWindow(before, after, roles, model, opts) };
}

function countMask(mask: Uint8Array, pred: (x: number, y: number) => boolean): number {
  let n = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (mask[y * W + x] && pred(x, y)) n++;
  return n;
}

describe('detectWindow', () => {
  const before = renderScene(cover(), W, H, 40, 1);

  it('flags vegetation → bare soil despite a gain/offset change, and types it', () => {
    const after = withGain(renderScene(planted, W, H, 40, 2), 1.15, 60);
    const { out } = run(before, after);
    const inside = countMask(out.mask, inPlanted);
    expect(inside).toBeGreaterThan(0.9 * 24 * 24);
    expect(countMask(out.mask, (x, y) => !inPlanted(x, y))).toBeLessThan(20);
    const veg2bare = CHANGE_TYPES.indexOf('vegetation_to_bare');
    expect(out.changeClass[72 * W + 32]).toBe(veg2bare);
  });

  it('tolerates a 1-px misregistration: the shifted veg/built edge is not change', () => {
    const shifted = renderScene(planted.map((_, i) => planted[i - 1 >= 0 && i % W !== 0 ? i - 1 : i]), W, H, 40, 3);
    const { out } = run(before, shifted);
    expect(countMask(out.mask, (x, y) => Math.abs(x - 64) <= 2 && !inPlanted(x, y))).toBe(0);
    expect(countMask(out.mask, inPlanted)).toBeGreaterThan(0.8 * 24 * 24);
  });

  it('does not flag a shadow (darkening with the same spectral shape)', () => {
    const after = renderScene(planted, W, H, 40, 4);
    const inShadow = (x: number, y: number): boolean => x >= 66 && x < 90 && y >= 50 && y < 80;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inShadow(x, y)) for (const b of after.bands) b[y * W + x] *= 0.45;
    const { out } = run(before, after);
    expect(countMask(out.mask, inShadow)).toBe(0);
    expect(countMask(out.mask, inPlanted)).toBeGreaterThan(0.9 * 24 * 24);
  });

  it('counts a shadow that left beside a demolished building, not one that moved beside a standing one', () => {
    // Built ground with a 12 × 12 bright block casting a 3-px shadow to its west (before).
    const roofAt = (x: number, y: number): boolean => x >= 100 && x < 112 && y >= 50 && y < 62;
    const westShadow = (x: number, y: number): boolean => x >= 97 && x < 100 && y >= 50 && y < 62;
    const northShadow = (x: number, y: number): boolean => x >= 100 && x < 112 && y >= 47 && y < 50;
    const ground = cover((x, y) => (x >= 64 && y >= 44 && y < 70 ? 'built' : undefined));
    const withRoof = (c: Cover[], seed: number): BandStack => {
      const st = renderScene(c, W, H, 40, seed);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (roofAt(x, y)) for (const b of st.bands) b[y * W + x] *= 1.5;
      return st;
    };
    const shade = (st: BandStack, at: (x: number, y: number) => boolean): BandStack => {
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (at(x, y)) for (const b of st.bands) b[y * W + x] *= 0.45;
      return st;
    };
    const before = shade(withRoof(ground, 8), westShadow);
    // The later date also has the planted field (a scene with some change, as real ones have).
    const later = ground.map((c, i) => (inPlanted(i % W, Math.floor(i / W)) ? 'bare' : c));
    // Demolished: the block becomes bare soil and its shadow is gone.
    const demolished = renderScene(later.map((c, i) => (roofAt(i % W, Math.floor(i / W)) ? 'bare' : c)), W, H, 40, 9);
    const gone = run(before, demolished).out;
    expect(countMask(gone.mask, roofAt)).toBeGreaterThan(0.8 * 144);
    expect(countMask(gone.mask, westShadow)).toBeGreaterThan(0.5 * 36);
    // Standing: the shadow moved from the west to the north side; neither strip is change.
    const moved = run(before, shade(withRoof(later, 9), northShadow)).out;
    expect(countMask(moved.mask, (x, y) => westShadow(x, y) || northShadow(x, y) || roofAt(x, y))).toBe(0);
  });

  it('finds a grey house razed to grey rubble by its shadow that left with no shadow staying beside it', () => {
    const VW = 128;
    const VH = 112;
    const { before, after, roof } = village({ width: VW, height: VH, rows: 5, cols: 5, razed: [12] });
    const model = fitSceneModel([{ before, after }], roles, opts);
    expect(model.shadowLevel).toBeGreaterThan(0);
    const out = detectWindow(before, after, roles, model, opts);
    const [rx0, ry0, rx1, ry1] = roof(12);
    let house = 0;
    let away = 0;
    for (let y = 0; y < VH; y++) {
      for (let x = 0; x < VW; x++) {
        const m = out.mask[y * VW + x];
        // The house and its earlier shadow; anything more than 6 px (its rubble's reach) beyond.
        if (x >= rx0 - 3 && x < rx1 && y >= ry0 - 3 && y < ry1) house += m;
        else if (x < rx0 - 9 || x >= rx1 + 6 || y < ry0 - 9 || y >= ry1 + 6) away += m;
      }
    }
    expect(house).toBeGreaterThan(0.6 * 15 * 13);
    expect(away).toBe(0);
    // Its shadow counts as vanished (and as an orphan): the patch is judged on the rest.
    const [x0, y0] = roof(12);
    const i = (y0 - 2) * VW + x0 - 2;
    expect(out.features[F_ORPHAN_SHADOW][i]).toBe(1);
    expect(out.features[F_LOG_BRIGHTNESS][i]).toBe(0);
    // Without the test (a model from before it existed) the house is not found.
    const old = detectWindow(before, after, roles, { ...model, shadowLevel: undefined }, opts);
    let n = 0;
    for (let y = y0 - 3; y < y0 + 10; y++) for (let x = x0 - 3; x < x0 + 12; x++) n += old.mask[y * VW + x];
    expect(n).toBe(0);
  });

  it('turns the razed-house test off where the sun moved round the houses (every shadow an orphan)', () => {
    const { before, after } = village({ width: 128, height: 112, rows: 5, cols: 5, sunRound: true });
    expect(fitSceneModel([{ before, after }], roles, opts).shadowLevel).toBeUndefined();
  });

  it('gives the same core results on windows as on the whole village (razed-house test on)', () => {
    const VW = 128;
    const VH = 112;
    const { before, after } = village({ width: VW, height: VH, rows: 5, cols: 5, razed: [12] });
    const model = fitSceneModel([{ before, after }], roles, opts);
    const whole = detectWindow(before, after, roles, model, opts);
    const halo = detectHalo(model, opts);
    expect(halo).toBeGreaterThan(30);
    // Pad both dates with invalid pixels so windows can take their full halo anywhere.
    const pad = (s: BandStack): BandStack => {
      const pw = VW + 2 * halo;
      const ph = VH + 2 * halo;
      const out: BandStack = { width: pw, height: ph, bands: s.bands.map(() => new Float32Array(pw * ph)), valid: new Uint8Array(pw * ph) };
      for (let y = 0; y < VH; y++) {
        for (let b = 0; b < s.bands.length; b++) out.bands[b].set(s.bands[b].subarray(y * VW, (y + 1) * VW), (y + halo) * pw + halo);
        out.valid.set(s.valid.subarray(y * VW, (y + 1) * VW), (y + halo) * pw + halo);
      }
      return out;
    };
    const pb = pad(before);
    const pa = pad(after);
    let diffs = 0;
    let inMask = 0;
    for (const core of [{ x: 40, y: 40, width: 24, height: 24 }, { x: 60, y: 30, width: 30, height: 30 }, { x: 0, y: 0, width: 64, height: 56 }]) {
      const ow = core.width + 2 * halo;
      const oh = core.height + 2 * halo;
      const win = detectWindow(crop(pb, core.x, core.y, ow, oh), crop(pa, core.x, core.y, ow, oh), roles, model, opts);
      for (let y = 0; y < core.height; y++) {
        for (let x = 0; x < core.width; x++) {
          const iw = (y + halo) * ow + x + halo;
          const ig = (y + core.y) * VW + x + core.x;
          inMask += whole.mask[ig];
          if (win.mask[iw] !== whole.mask[ig]) diffs++;
          for (let f = 0; f < whole.features.length; f++) if (whole.mask[ig] && win.features[f][iw] !== whole.features[f][ig]) diffs++;
        }
      }
    }
    expect(inMask).toBeGreaterThan(50);
    expect(diffs).toBe(0);
  });

  it('does not flag seasonal vigour (vegetation greener) or pond colour change', () => {
    const after = renderScene(planted, W, H, 40, 5);
    for (let i = 0; i < W * H; i++) {
      const x = i % W;
      if (planted[i] === 'vegetation' && x < 16) after.bands[3][i] *= 1.4; // greener strip
      if (planted[i] === 'water') after.bands[1][i] += 250; // greener, murkier pond
    }
    const { out } = run(before, after);
    expect(countMask(out.mask, (x) => x < 16)).toBe(0);
    expect(countMask(out.mask, (x, y) => x >= 90 && x < 120 && y >= 90 && y < 120)).toBe(0);
  });

  it('keeps the blurred edge of a cleared square, as rim pixels that count for area only', () => {
    // A 20 × 20 bare square in a field, both dates blurred by a 5 × 5 sensor response: the square's
    // edge pixels are 0.2 to 0.8 bare, and up to 0.62 bare a pixel is still vegetation by NDVI.
    const inSquare = (x: number, y: number): boolean => x >= 20 && x < 40 && y >= 20 && y < 40;
    const blurred = (st: BandStack): BandStack => ({ ...st, bands: st.bands.map(blur5) });
    const after = blurred(renderScene(cover((x, y) => (inSquare(x, y) ? 'bare' : undefined)), W, H, 40, 7));
    const { out } = run(blurred(renderScene(cover(), W, H, 40, 8)), after);
    const found = countMask(out.mask, () => true);
    expect(found).toBeGreaterThan(0.95 * 400);
    expect(found).toBeLessThan(1.05 * 400);
    const rim = out.features[F_RIM];
    let rims = 0;
    for (let i = 0; i < W * H; i++) {
      if (rim[i] === 0) continue;
      rims++;
      expect(out.mask[i]).toBe(1);
      expect(out.features[F_MAGNITUDE][i]).toBe(0);
    }
    expect(rims).toBeGreaterThan(20);
  });

  it('gives the same core results on a window with halo as on the whole image', () => {
    const after = withGain(renderScene(planted, W, H, 40, 6), 0.9, -30);
    const { model, out: whole } = run(before, after);
    const halo = detectHalo(model, opts);
    const core = { x: 30, y: 50, width: 40, height: 40 };
    const ox = core.x - halo;
    const oy = core.y - halo;
    const ow = core.width + 2 * halo;
    const oh = core.height + 2 * halo;
    const win = detectWindow(crop(before, ox, oy, ow, oh), crop(after, ox, oy, ow, oh), roles, model, opts);
    let diffs = 0;
    for (let y = 0; y < core.height; y++) {
      for (let x = 0; x < core.width; x++) {
        const iw = (y + halo) * ow + x + halo;
        const ig = (y + core.y) * W + x + core.x;
        if (win.mask[iw] !== whole.mask[ig] || win.changeClass[iw] !== whole.changeClass[ig]) diffs++;
        for (let f = 0; f < whole.features.length; f++) if (win.features[f][iw] !== whole.features[f][ig]) diffs++;
      }
    }
    expect(countMask(whole.mask, (x, y) => x >= core.x && y >= core.y && x < core.x + 40 && y < core.y + 40)).toBeGreaterThan(0);
    expect(diffs).toBe(0);
  });

  it('gives the same results when reusing its buffers (features on mask pixels)', () => {
    const a1 = withGain(renderScene(planted, W, H, 40, 8), 1.1, 20);
    const a2 = renderScene(cover((x, y) => (x > 90 && y < 30 ? 'built' : undefined)), W, H, 40, 9);
    const model = fitSceneModel([{ before, after: a1 }], roles, opts);
    for (const after of [a1, a2, a1]) {
      const fresh = detectWindow(before, after, roles, model, opts);
      const reused = detectWindow(before, after, roles, model, { ...opts, reuse: true });
      expect(reused.mask).toEqual(fresh.mask);
      expect(reused.changeClass).toEqual(fresh.changeClass);
      expect(reused.features[0]).toEqual(fresh.features[0]);
      for (let f = 1; f < fresh.features.length; f++) {
        for (let i = 0; i < W * H; i++) if (fresh.mask[i] && reused.features[f][i] !== fresh.features[f][i]) throw new Error(`feature ${f} differs at ${i}`);
      }
    }
  });

  it('gives the same results when reusing its buffers after a window with a near-infrared band', () => {
    // Without NIR there are no water indices: the last NIR window's must not show through.
    const after = withGain(renderScene(planted, W, H, 40, 8), 1.1, 20);
    const rgb = { blue: 0, green: 1, red: 2 };
    const rgbModel = fitSceneModel([{ before, after }], rgb, opts);
    detectWindow(before, after, roles, fitSceneModel([{ before, after }], roles, opts), { ...opts, reuse: true });
    const fresh = detectWindow(before, after, rgb, rgbModel, opts);
    const reused = detectWindow(before, after, rgb, rgbModel, { ...opts, reuse: true });
    expect(fresh.mask.some((v) => v === 1)).toBe(true);
    expect(reused.mask).toEqual(fresh.mask);
    expect(reused.changeClass).toEqual(fresh.changeClass);
    for (let f = 0; f < fresh.features.length; f++) {
      for (let i = 0; i < W * H; i++) if (fresh.mask[i] && reused.features[f][i] !== fresh.features[f][i]) throw new Error(`feature ${f} differs at ${i}`);
    }
  });

  it('never flags pixels that are invalid in either date', () => {
    const after = renderScene(planted, W, H, 40, 7);
    for (let y = 60; y < 84; y++) for (let x = 20; x < 44; x++) after.valid[y * W + x] = 0;
    const { out } = run(before, after);
    expect(countMask(out.mask, inPlanted)).toBe(0);
  });
});

/** 5 × 5 box mean (edges clamped), rounded as a stored band would be. */
function blur5(band: Float32Array): Float32Array {
  const out = new Float32Array(band.length);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) s += band[Math.min(H - 1, Math.max(0, y + dy)) * W + Math.min(W - 1, Math.max(0, x + dx))];
      out[y * W + x] = Math.round(s / 25);
    }
  return out;
}

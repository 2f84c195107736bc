/**
 * Seeded synthetic 4-band (B, G, R, NIR) scenes for the detector's unit tests: flat land-cover
 * blocks with Gaussian noise, in reflectance × 10000 units. Test support only.
 */
import type { BandStack } from '../types.ts';

export const SPECTRA = {
  vegetation: [300, 600, 400, 3000],
  bare: [900, 1200, 1500, 2000],
  built: [1500, 1500, 1500, 1600],
  water: [600, 500, 300, 100],
} as const;
export type Cover = keyof typeof SPECTRA;

/** A cover map (row-major) rendered to a BandStack with noise σ (same units), seeded. */
export function renderScene(cover: Cover[], width: number, height: number, sigma: number, seed: number): BandStack {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const n = width * height;
  const bands = [0, 1, 2, 3].map(() => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    const sp = SPECTRA[cover[i]];
    for (let b = 0; b < 4; b++) bands[b][i] = Math.round(sp[b] + sigma * gauss());
  }
  return { width, height, bands, valid: new Uint8Array(n).fill(1) };
}

/** Copies a stack, applying out = gain · in + offset per band (a radiometric difference). */
export function withGain(stack: BandStack, gain: number, offset: number): BandStack {
  return { ...stack, bands: stack.bands.map((b) => b.map((v) => Math.round(gain * v + offset))), valid: stack.valid.slice() };
}

/** Crops a window out of a stack. */
export function crop(stack: BandStack, x: number, y: number, w: number, h: number): BandStack {
  const cut = <T extends Float32Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(w * h);
    for (let r = 0; r < h; r++) out.set(a.subarray((y + r) * stack.width + x, (y + r) * stack.width + x + w), r * w);
    return out;
  };
  return { width: w, height: h, bands: stack.bands.map(cut), valid: cut(stack.valid) };
}

/**
 * A village for the shadow tests: built ground, a grid of `rows` × `cols` grey roofs (12 × 10 px,
 * barely brighter than the ground) each casting a 3-px shadow. The earlier sun puts it to the west
 * and north, the later one to the north and east (overlapping along the north side), or `sunRound`
 * to the south and east (no overlap). Houses listed in `razed` are gone at the later date: ground
 * and no shadow. Both dates at 1 px = 1 m, noise σ 40.
 */
export function village(opts: { width: number; height: number; rows: number; cols: number; razed?: number[]; sunRound?: boolean; seed?: number }): { before: BandStack; after: BandStack; roof: (k: number) => [number, number, number, number] } {
  const { width, height, rows, cols, razed = [], sunRound = false, seed = 1 } = opts;
  const roof = (k: number): [number, number, number, number] => {
    const x = 8 + (k % cols) * 20;
    const y = 8 + Math.floor(k / cols) * 18;
    return [x, y, x + 12, y + 10];
  };
  const ground: Cover[] = new Array(width * height).fill('built');
  const before = renderScene(ground, width, height, 40, seed);
  const after = renderScene(ground, width, height, 40, seed + 1);
  const scale = (st: BandStack, x0: number, y0: number, x1: number, y1: number, k: number): void => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) for (const b of st.bands) b[y * width + x] *= k;
  };
  for (let k = 0; k < rows * cols; k++) {
    const [x0, y0, x1, y1] = roof(k);
    // Shadows first (on the ground), then the roof over them.
    scale(before, x0 - 3, y0 - 3, x0, y1 - 3, 0.45);
    scale(before, x0 - 3, y0 - 3, x1 - 3, y0, 0.45);
    if (!razed.includes(k)) {
      if (sunRound) {
        scale(after, x1, y0 + 3, x1 + 3, y1 + 3, 0.45);
        scale(after, x0 + 3, y1, x1 + 3, y1 + 3, 0.45);
      } else {
        scale(after, x0 + 1, y0 - 3, x1 + 1, y0, 0.45);
        scale(after, x1, y0 - 3, x1 + 1, y1 - 3, 0.45);
      }
    }
  }
  // Roofs: a grey barely brighter than the ground, its rubble the same.
  for (let k = 0; k < rows * cols; k++) {
    const [x0, y0, x1, y1] = roof(k);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let b = 0; b < 4; b++) {
      before.bands[b][y * width + x] = Math.round(SPECTRA.built[b] * 1.03 + 20 * ((((x * 7 + y * 13 + b) % 5) - 2) / 2));
      if (!razed.includes(k)) after.bands[b][y * width + x] = Math.round(SPECTRA.built[b] * 1.03 + 20 * ((((x * 11 + y * 5 + b) % 5) - 2) / 2));
    }
  }
  return { before, after, roof };
}

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

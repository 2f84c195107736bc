/**
 * What fitPairModel and detectUnit do to a pair read from files, for whole images in memory: the
 * later date's misregistration estimated on the same sample windows, and corrected when it reaches
 * the threshold.
 */
import { estimateShift } from '../../geo/raster/estimate-shift.ts';
import type { BandStack, PixelWindow } from '../../geo/types.ts';
import { coregister, MIN_CORRECTED_SHIFT_PX } from '../../pipeline/detect/coregister.ts';
import { DETECT_DEFAULTS } from '../../pipeline/detect/detect-options.ts';
import { sampleWindows } from '../../pipeline/detect/sample-windows.ts';

export function coregisterStacks(before: BandStack, after: BandStack): { before: BandStack; after: BandStack; shift: [number, number] | null } {
  const { width: W, height: H } = before;
  const wins = sampleWindows(W, H, DETECT_DEFAULTS.sampleWindows, DETECT_DEFAULTS.sampleSize);
  const shift = estimateShift(wins.map((w) => ({ before: windowOf(before, w), after: windowOf(after, w) })));
  if (Math.max(Math.abs(shift[0]), Math.abs(shift[1])) < MIN_CORRECTED_SHIFT_PX) return { before, after, shift: null };
  // The whole image is its own read extent (readExtent stays inside the image).
  return { ...coregister({ before, after }, shift), shift };
}

/** A window of an image in memory, invalid where it lies outside (as a file read gives it). */
function windowOf(s: BandStack, win: PixelWindow): BandStack {
  const { width: W, height: H } = s;
  const n = win.width * win.height;
  const bands = s.bands.map(() => new Float32Array(n));
  const valid = new Uint8Array(n);
  for (let y = 0; y < win.height; y++) {
    const sy = win.y + y;
    if (sy < 0 || sy >= H) continue;
    for (let x = 0; x < win.width; x++) {
      const sx = win.x + x;
      if (sx < 0 || sx >= W) continue;
      const i = sy * W + sx;
      valid[y * win.width + x] = s.valid[i];
      for (let b = 0; b < bands.length; b++) bands[b][y * win.width + x] = s.bands[b][i];
    }
  }
  return { width: win.width, height: win.height, bands, valid, ...(s.integer16 !== undefined ? { integer16: s.integer16 } : {}) };
}

/**
 * What fitPairModel and detectUnit do to a pair read from files, for whole images in memory: the
 * later date's misregistration estimated on the same sample windows, and corrected by whole pixels
 * when it rounds to one or more (correctedShift).
 */
import { estimateShift } from '../../geo/raster/estimate-shift.ts';
import type { BandStack, PixelWindow } from '../../geo/types.ts';
import { crop } from '../../geo/detect/test-scene.ts';
import { coregister, correctedShift } from '../../pipeline/detect/coregister.ts';
import { DETECT_DEFAULTS } from '../../pipeline/detect/detect-options.ts';
import { sampleWindows } from '../../pipeline/detect/sample-windows.ts';

export function coregisterStacks(before: BandStack, after: BandStack): { before: BandStack; after: BandStack; shift: [number, number] | null } {
  const wins = sampleWindows(before.width, before.height, DETECT_DEFAULTS.sampleWindows, DETECT_DEFAULTS.sampleSize);
  const cut = (s: BandStack, w: PixelWindow) => crop(s, w.x, w.y, w.width, w.height);
  const shift = correctedShift(estimateShift(wins.map((w) => ({ before: cut(before, w), after: cut(after, w) }))));
  if (!shift) return { before, after, shift: null };
  // The whole image is its own read extent (readExtent stays inside the image).
  return { ...coregister({ before, after }, shift), shift };
}

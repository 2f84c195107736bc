import { vegetationIndex } from './vegetation-index.ts';
import { waterIndex } from './water-index.ts';

/**
 * Whether a pixel is vegetation at both dates, or (with NIR) water at both: land that stayed what it
 * was, however its vigour or colour changed. Red, green, blue and NIR of each date (the later one
 * normalised), 0 for a missing NIR.
 */
export function sameCover(
  r0: number, g0: number, b0: number, n0: number,
  r1: number, g1: number, b1: number, n1: number,
  hasNir: boolean, vegThreshold: number, waterThreshold: number,
): boolean {
  if (hasNir && waterIndex(g0, n0) > waterThreshold && waterIndex(g1, n1) > waterThreshold) return true;
  return vegetationIndex(r0, g0, b0, n0, hasNir) > vegThreshold && vegetationIndex(r1, g1, b1, n1, hasNir) > vegThreshold;
}

/**
 * The order in which one worker detects a pair's units: halos overlap the neighbours' cores, so a
 * unit shares tiles with the units around it, and walking neighbours in turn finds most of them
 * still in the tile cache (UNIT_TILE_CACHE_BYTES).
 */
import type { HaloWindow } from '../../geo/types.ts';

/**
 * Unit indices through pairs of columns (cores are a regular grid): row by row within a pair, left
 * unit then right, so the column boundary's tiles serve both units of a row while they are cached.
 */
export function unitOrder(units: HaloWindow[]): number[] {
  const xs = [...new Set(units.map((u) => u.core.x))].sort((a, b) => a - b);
  const pair = new Map(xs.map((x, k) => [x, k >> 1]));
  const key = (i: number) => pair.get(units[i].core.x)!;
  return units.map((_, i) => i).sort((a, b) => key(a) - key(b) || units[a].core.y - units[b].core.y || units[a].core.x - units[b].core.x);
}

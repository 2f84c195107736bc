/**
 * Open image pairs kept per process, so consecutive units of the same pair (the usual order on a
 * worker) do not re-read the TIFF headers or re-decode the tiles neighbouring units share. At most
 * `MAX_OPEN` pairs stay open; the least recently used is closed when another is needed. Windows are
 * read into reused buffers, as in unit threads: the fit and detectUnit consume each window before
 * reading the next, and a process runs one of them at a time (detectUnit's own buffers already
 * assume so).
 */
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import { openPair, type ImagePair } from '../../geo/raster/open-pair.ts';
import { UNIT_TILE_CACHE_BYTES } from '../detect/detect-scene.ts';

const MAX_OPEN = 2;
const open = new Map<string, Promise<ImagePair>>();

export async function cachedPair(beforePath: string, afterPath: string, masks: PairMasks, bands?: string): Promise<ImagePair> {
  const key = JSON.stringify([beforePath, afterPath, masks.before ?? null, masks.after ?? null, bands ?? null]);
  const hit = open.get(key);
  if (hit) {
    open.delete(key);
    open.set(key, hit); // most recently used last
    return hit;
  }
  const p = openPair(beforePath, afterPath, { bands, masks, cacheBytes: UNIT_TILE_CACHE_BYTES, reuseWindows: true });
  open.set(key, p);
  p.catch(() => open.delete(key));
  while (open.size > MAX_OPEN) {
    const [oldKey, old] = open.entries().next().value as [string, Promise<ImagePair>];
    open.delete(oldKey);
    old.then((pair) => pair.close()).catch(() => undefined);
  }
  return p;
}

/** A pair's masks from the catalogue's mask paths (null: the tile has none). */
export function pairMasks(before: string | null, after: string | null): PairMasks {
  return { ...(before !== null ? { before } : {}), ...(after !== null ? { after } : {}) };
}

/** Closes every cached pair (process shutdown, tests). */
export async function closeCachedPairs(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map((p) => p.then((pair) => pair.close()).catch(() => undefined)));
}

/**
 * What the catalogue stores about a tile: its grid, band count, acquisition date, cloud mask and a
 * few header facts. Reads only headers. The date comes from the file name (…YYYYMMDD… or
 * YYYY-MM-DD), as GeoTIFFs rarely carry the acquisition date; absent, it is null.
 */
import { checkMask } from '../../geo/raster/open-mask.ts';
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import type { TiffInfo } from '../../geo/tiff/types.ts';
import type { Grid } from '../../geo/types.ts';
import { InputError } from '../errors.ts';

export interface TileDescription {
  grid: Grid;
  bands: number;
  /** ISO date, or null. */
  acquired: string | null;
  /** The tile's cloud mask (its sidecar), or null. */
  mask: string | null;
  meta: Record<string, unknown>;
}

export async function describeTile(path: string, signal?: AbortSignal): Promise<TileDescription> {
  const tiff = await openTiff(path, { signal, cacheBytes: 0 });
  try {
    const i = tiff.info;
    return {
      grid: i.grid,
      bands: i.bandCount,
      acquired: dateFromName(path),
      mask: await findMask(i, signal),
      meta: { sampleType: i.sampleType, compression: i.compressionName, tiled: i.tiled, nodata: i.nodata, bandDescriptions: i.bandDescriptions },
    };
  } finally {
    await tiff.close();
  }
}

/**
 * Cloud masks travel as sidecars: `<name>.mask.tif` next to `<name>.tif` (or `.tiff`), so a batch of
 * hundreds of tiles needs no mapping file, and a glob over the folder can list tiles and masks alike.
 */
export function sidecarMaskPath(tile: string): string | null {
  if (isSidecarMask(tile) || !/\.tiff?$/i.test(tile)) return null;
  return tile.replace(/\.tiff?$/i, '.mask.tif');
}

/** Whether `path` names a sidecar mask, which is never a tile of its own. */
export function isSidecarMask(path: string): boolean {
  return /\.mask\.tiff?$/i.test(path);
}

/** The tile's sidecar mask checked against the tile (single band, overlapping), or null when it has none. */
async function findMask(tile: TiffInfo, signal?: AbortSignal): Promise<string | null> {
  const path = sidecarMaskPath(tile.source);
  if (path === null) return null;
  let mask;
  try {
    mask = await openTiff(path, { signal, cacheBytes: 0 });
  } catch (err) {
    if (err instanceof InputError && err.code === 'FILE_NOT_FOUND') return null;
    throw err;
  }
  try {
    checkMask(mask.info, tile);
    return path;
  } finally {
    await mask.close();
  }
}

/** The first plausible date in a file name, e.g. 'GF2_PMS1_20230415_L1A.tif' → '2023-04-15'. */
export function dateFromName(path: string): string | null {
  const name = path.split(/[\\/]/).pop() ?? path;
  for (const m of name.matchAll(/(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)/g)) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    if (!Number.isNaN(Date.parse(iso))) return iso;
  }
  return null;
}

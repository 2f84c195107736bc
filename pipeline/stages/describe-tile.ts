/**
 * What the catalogue stores about a tile: its grid, band count, acquisition date and a few header
 * facts. Reads only the header. The date comes from the file name (…YYYYMMDD… or YYYY-MM-DD), as
 * GeoTIFFs rarely carry the acquisition date; absent, it is null.
 */
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import type { Grid } from '../../geo/types.ts';

export interface TileDescription {
  grid: Grid;
  bands: number;
  /** ISO date, or null. */
  acquired: string | null;
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
      meta: { sampleType: i.sampleType, compression: i.compressionName, tiled: i.tiled, nodata: i.nodata, bandDescriptions: i.bandDescriptions },
    };
  } finally {
    await tiff.close();
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

/**
 * The "classic chain" as patches: plain CVA + Otsu (cva-otsu.ts) over the whole aligned pair,
 * 8-connected components vectorised exactly as the detector's (windowPieces → mergePieces →
 * finalisePatch), and a sieve dropping components below `minAreaM2` (ellipsoidal m², as the detector
 * measures). No other filtering, so it can be scored with the detector's own object scoring.
 * Reads the pair whole: fine for generated scenes up to a few thousand pixels a side.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { crsTransform } from '../../geo/crs/transform.ts';
import { openPair } from '../../geo/raster/open-pair.ts';
import { finalisePatch } from '../../geo/vector/finalise-patch.ts';
import { mergePieces } from '../../geo/vector/merge-pieces.ts';
import { windowPieces } from '../../geo/vector/window-pieces.ts';
import { cvaOtsu } from './cva-otsu.ts';

export async function cvaBaselinePatches(beforePath: string, afterPath: string, minAreaM2: number): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const pair = await openPair(beforePath, afterPath);
  try {
    const { width, height, crs } = pair.grid;
    const whole = { x: 0, y: 0, width, height };
    const { before, after } = await pair.readWindow(whole);
    const mask = cvaOtsu(before, after);
    const raster = { width, height, mask, changeClass: new Uint8Array(width * height), features: [] };
    const toLonLat = crsTransform(crs, 4326);
    const features: Feature<Polygon | MultiPolygon>[] = [];
    for (const merged of mergePieces(windowPieces(raster, { core: whole, outer: whole }))) {
      const fin = finalisePatch(merged, pair.grid, { toLonLat });
      if (fin.areaM2 >= minAreaM2) features.push({ type: 'Feature', properties: { area_m2: fin.areaM2 }, geometry: fin.geometryLonLat });
    }
    return { type: 'FeatureCollection', features };
  } finally {
    await pair.close();
  }
}

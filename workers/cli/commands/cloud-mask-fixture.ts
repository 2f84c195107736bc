/** Test support: cloud masks over patches of the sample scene (fixtures/sample), written as GeoTIFF. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { writeTiff } from '../../../fixtures/tiff-writer.ts';
import { crsTransform } from '../../../geo/crs/transform.ts';
import { mapToPixel } from '../../../geo/raster/grid-transform.ts';
import type { Grid } from '../../../geo/types.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../fixtures/sample/', import.meta.url));
export const sampleGrid = (JSON.parse(readFileSync(join(SAMPLE_DIR, 'scene.json'), 'utf8')) as { grid: Grid }).grid;

/** A box of sample-grid pixels: columns [c0, c1), rows [r0, r1). */
export type PixelBox = [c0: number, r0: number, c1: number, r1: number];

/** Pixel bounding box of a lon/lat (multi)polygon on the sample grid. */
export function pixelBox(f: Feature<Polygon | MultiPolygon>): PixelBox {
  const toGrid = crsTransform(4326, sampleGrid.crs);
  const outer: Position[] = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates.flatMap((p) => p[0]);
  const px = outer.map((p) => mapToPixel(sampleGrid, ...toGrid(p[0], p[1])));
  const cs = px.map((p) => p[0]), rs = px.map((p) => p[1]);
  return [Math.floor(Math.min(...cs)), Math.floor(Math.min(...rs)), Math.ceil(Math.max(...cs)), Math.ceil(Math.max(...rs))];
}

export function boxesOverlap(a: PixelBox, b: PixelBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * Writes a 4 m mask (the sample is 2 m; like a 20 m cloud mask for a 10 m image) whose cloud (255)
 * covers `f` with a margin of at least one mask pixel. Returns the cloud in sample pixels.
 */
export async function writeCloudOver(path: string, f: Feature<Polygon | MultiPolygon>): Promise<PixelBox> {
  const [c0, r0, c1, r1] = pixelBox(f);
  const m = { c0: Math.floor(c0 / 2) - 1, r0: Math.floor(r0 / 2) - 1, c1: Math.ceil(c1 / 2) + 1, r1: Math.ceil(r1 / 2) + 1 };
  const grid: Grid = { ...sampleGrid, resX: 4, resY: 4, width: sampleGrid.width / 2, height: sampleGrid.height / 2 };
  await writeTiff({ path, width: grid.width, height: grid.height, bands: 1, sampleType: 'uint8', grid }, (y, h) => [
    Uint8Array.from({ length: h * grid.width }, (_, k) => {
      const c = k % grid.width, r = y + Math.floor(k / grid.width);
      return c >= m.c0 && c < m.c1 && r >= m.r0 && r < m.r1 ? 255 : 0;
    }),
  ]);
  return [2 * m.c0, 2 * m.r0, 2 * m.c1, 2 * m.r1];
}

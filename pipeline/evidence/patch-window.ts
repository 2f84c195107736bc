/**
 * Where a patch lies on an image: its rings in the image's pixel coordinates (from EPSG:4490 through
 * the image CRS), and a square read window around it padded by a margin, at least `minPx` wide.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { crsTransform } from '../../geo/crs/transform.ts';
import type { Grid, PixelWindow } from '../../geo/types.ts';

export interface PatchOnImage {
  /** Rings in image pixel coordinates (x right, y down). */
  rings: [number, number][][];
  window: PixelWindow;
  /** Whether the padded window overlaps the image at all. */
  overlaps: boolean;
}

export function patchWindow(geom: Polygon | MultiPolygon, grid: Grid, opts: { marginFrac?: number; minPx?: number } = {}): PatchOnImage {
  const toCrs = crsTransform(4490, grid.crs);
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const rings = polys.flat().map((ring) =>
    ring.map(([lon, lat]): [number, number] => {
      const [x, y] = toCrs(lon, lat);
      const px = (x - grid.originX) / grid.resX;
      const py = (grid.originY - y) / grid.resY;
      x0 = Math.min(x0, px); y0 = Math.min(y0, py); x1 = Math.max(x1, px); y1 = Math.max(y1, py);
      return [px, py];
    }),
  );
  const margin = opts.marginFrac ?? 0.75;
  const side = Math.ceil(Math.max(opts.minPx ?? 64, Math.max(x1 - x0, y1 - y0) * (1 + 2 * margin)));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Centred on the patch, but slid inside the image where the image is large enough, so a patch near
  // an edge gets real context instead of nodata.
  const slide = (start: number, size: number): number => (side <= size ? Math.min(Math.max(start, 0), size - side) : start);
  const window = { x: slide(Math.floor(cx - side / 2), grid.width), y: slide(Math.floor(cy - side / 2), grid.height), width: side, height: side };
  // Overlap is judged on the centred window: sliding must not pull a patch that is off the image in.
  const x0c = Math.floor(cx - side / 2);
  const y0c = Math.floor(cy - side / 2);
  const overlaps = x0c < grid.width && y0c < grid.height && x0c + side > 0 && y0c + side > 0;
  return { rings: rings.map((r) => r.map(([x, y]) => [x - window.x, y - window.y] as [number, number])), window, overlaps };
}

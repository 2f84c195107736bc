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
  const window = { x: Math.floor(cx - side / 2), y: Math.floor(cy - side / 2), width: side, height: side };
  const overlaps = window.x < grid.width && window.y < grid.height && window.x + side > 0 && window.y + side > 0;
  return { rings: rings.map((r) => r.map(([x, y]) => [x - window.x, y - window.y] as [number, number])), window, overlaps };
}

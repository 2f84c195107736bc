/** Burns lon/lat polygons into a raster of 1-based feature indices (pixel centres inside) on a scene grid. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { lonLatToGk } from '../../fixtures/scene/geo-out.ts';

export interface SceneGrid { originX: number; originY: number; resX: number; resY: number; width: number; height: number }

export function burnLonLat(fc: FeatureCollection<Polygon | MultiPolygon>, g: SceneGrid): Int32Array {
  const W = g.width, H = g.height;
  const out = new Int32Array(W * H);
  fc.features.forEach((f: Feature<Polygon | MultiPolygon>, k) => {
    const polys: Position[][][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      const rings = poly.map((r) => r.map(([lon, lat]) => { const [x, y] = lonLatToGk(lon, lat); return [(x - g.originX) / g.resX, (g.originY - y) / g.resY]; }));
      let y0 = Infinity, y1 = -Infinity;
      for (const r of rings) for (const p of r) { y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); }
      for (let row = Math.max(0, Math.floor(y0)); row <= Math.min(H - 1, Math.ceil(y1)); row++) {
        const yc = row + 0.5;
        const xs: number[] = [];
        for (const r of rings) for (let i = 0; i + 1 < r.length; i++) {
          const [ax, ay] = r[i], [bx, by] = r[i + 1];
          if ((ay <= yc) !== (by <= yc)) xs.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
        }
        xs.sort((a, b) => a - b);
        for (let j = 0; j + 1 < xs.length; j += 2) {
          for (let c = Math.max(0, Math.ceil(xs[j] - 0.5)); c < Math.min(W, Math.ceil(xs[j + 1] - 0.5)); c++) out[row * W + c] = k + 1;
        }
      }
    }
  });
  return out;
}

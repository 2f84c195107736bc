import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Grid } from '../types.ts';
import { ellipsoidalMeasures } from './ellipsoidal-measures.ts';
import { simplifyPixelPolygons } from './simplify-pixel-polygons.ts';
import type { MergedPatch } from './types.ts';

export interface FinaliseOptions {
  /** Map coordinates of `grid.crs` → [longitude, latitude] in degrees (CGCS2000 ≈ WGS84). */
  toLonLat: (x: number, y: number) => [number, number];
  /**
   * Douglas–Peucker tolerance in pixels applied after the staircase is cut (see
   * simplify-pixel-polygons.ts). Default 0.75; 0 keeps the exact pixel outline.
   */
  simplifyTolerancePx?: number;
}

export interface FinalisedPatch {
  /** In the grid's map coordinates; shells counter-clockwise, OGC-valid. */
  geometryMap: Polygon | MultiPolygon;
  /** geometryMap's vertices mapped through toLonLat. */
  geometryLonLat: Polygon | MultiPolygon;
  /** Area in m² of geometryLonLat on the CGCS2000/GRS80 ellipsoid (holes subtracted). */
  areaM2: number;
  /** Geodesic length in m of all its rings (holes included). */
  perimeterM: number;
}

/**
 * Turns a merged patch into GeoJSON: simplified pixel rings (area within 2 % of the pixel outline,
 * still valid) mapped to the grid's CRS (x = originX + col·resX, y = originY − row·resY), then to
 * lon/lat, with ellipsoidal area and perimeter. A single polygon comes out as a Polygon.
 */
export function finalisePatch(merged: MergedPatch, grid: Grid, opts: FinaliseOptions): FinalisedPatch {
  // The grid's edges stay where they are: a patch cut by a tile border meets its other part there.
  const onEdge = (x: number, y: number): boolean => x === 0 || y === 0 || x === grid.width || y === grid.height;
  const rings = simplifyPixelPolygons(merged.polygons, opts.simplifyTolerancePx ?? 0.75, undefined, onEdge);
  const toMap = (ring: number[]): Position[] => {
    const out: Position[] = [];
    for (let i = 0; i < ring.length; i += 2) out.push([grid.originX + ring[i] * grid.resX, grid.originY - ring[i + 1] * grid.resY]);
    out.push(out[0]);
    return out;
  };
  const mapPolys = rings.map((poly) => poly.map(toMap));
  const lonLatPolys = mapPolys.map((poly) => poly.map((ring) => ring.map(([x, y]) => opts.toLonLat(x, y) as Position)));
  const geometryMap = asGeometry(mapPolys);
  const geometryLonLat = asGeometry(lonLatPolys);
  const { areaM2, perimeterM } = ellipsoidalMeasures(geometryLonLat);
  return { geometryMap, geometryLonLat, areaM2, perimeterM };
}

function asGeometry(polys: Position[][][]): Polygon | MultiPolygon {
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

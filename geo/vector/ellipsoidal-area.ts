import type { MultiPolygon, Polygon } from 'geojson';
import { ellipsoidalMeasures } from './ellipsoidal-measures.ts';

/**
 * Area in m² of a lon/lat (degrees, RFC 7946 order) polygon on the CGCS2000/GRS80 ellipsoid, holes
 * subtracted: the figure official patch areas use (see ellipsoidal-measures.ts for the method).
 */
export function ellipsoidalArea(geom: Polygon | MultiPolygon): number {
  return ellipsoidalMeasures(geom).areaM2;
}

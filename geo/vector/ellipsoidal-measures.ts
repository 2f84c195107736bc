import geodesic from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** CGCS2000 = GRS80: a = 6 378 137 m, 1/f = 298.257222101. */
const GRS80 = new geodesic.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/**
 * Area (m²) and perimeter (m) of a lon/lat (degrees) polygon on the CGCS2000/GRS80 ellipsoid, with
 * edges as geodesics: Karney's exact method (GeographicLib PolygonArea, J. Geodesy 87, 2013), the
 * same algorithm PostGIS uses for ST_Area(geography). Holes subtract from the area; the perimeter
 * counts every ring (as ST_Perimeter(geography) does). Ring orientation does not matter, and a
 * closing position equal to the first is optional.
 */
export function ellipsoidalMeasures(geom: Polygon | MultiPolygon): { areaM2: number; perimeterM: number } {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  let areaM2 = 0;
  let perimeterM = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const { area, perimeter } = ringMeasures(ring);
      areaM2 += i === 0 ? area : -area;
      perimeterM += perimeter;
    });
  }
  return { areaM2, perimeterM };
}

function ringMeasures(ring: Position[]): { area: number; perimeter: number } {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n--;
  if (n < 3) return { area: 0, perimeter: 0 };
  const poly = GRS80.Polygon(false);
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i][1], ring[i][0]);
  // Signed, so a clockwise ring gives minus its area rather than the rest of the ellipsoid's.
  const r = poly.Compute(false, true);
  return { area: Math.abs(r.area ?? 0), perimeter: r.perimeter };
}

/**
 * Ring orientation for writers with a winding rule. Orientation is read from the shoelace sum in
 * lon/lat, which is exact for the sign at patch scale. RFC 7946: exterior counter-clockwise, holes
 * clockwise. ESRI Shapefile: exterior clockwise, holes counter-clockwise.
 */
import type { Position } from 'geojson';

/** Twice the signed area (lon·lat units); > 0 for counter-clockwise with x east, y north. */
export function signedArea2(ring: Position[]): number {
  let s = 0;
  // Σ (x_prev − x_cur)(y_prev + y_cur) over edges prev → cur: positive for counter-clockwise.
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/** Copies `rings` (exterior first, then holes) with the exterior wound `exterior` and holes the other way. */
export function orientPolygon(rings: Position[][], exterior: 'ccw' | 'cw'): Position[][] {
  return rings.map((ring, i) => {
    const ccw = signedArea2(ring) > 0;
    const wantCcw = (i === 0) === (exterior === 'ccw');
    return ccw === wantCcw ? ring : [...ring].reverse();
  });
}

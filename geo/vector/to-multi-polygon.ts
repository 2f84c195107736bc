import type { MultiPolygon, Polygon } from 'geojson';

/** The same geometry as a MultiPolygon (a Polygon becomes its only member; coordinates shared). */
export function toMultiPolygon(geom: Polygon | MultiPolygon): MultiPolygon {
  return geom.type === 'MultiPolygon' ? geom : { type: 'MultiPolygon', coordinates: [geom.coordinates] };
}

/**
 * Clue records → an RFC 7946 FeatureCollection: lon/lat (CGCS2000 coordinates; they differ from
 * WGS84 by centimetres), exterior rings counter-clockwise, no `crs` member. Properties are the whole
 * record except the geometry, so nothing is lost (lists stay JSON arrays).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ClueRecord } from '../clues/clue-record.ts';
import { orientPolygon } from './orient-rings.ts';

function rfc7946(g: Polygon | MultiPolygon | null): Polygon | MultiPolygon | null {
  if (!g) return null;
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: orientPolygon(g.coordinates, 'ccw') };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => orientPolygon(p, 'ccw')) };
}

export function toGeoJson(records: ClueRecord[]): FeatureCollection<Polygon | MultiPolygon | null> {
  const features = records.map((r): Feature<Polygon | MultiPolygon | null> => {
    const { geometry, ...properties } = r;
    return { type: 'Feature', id: r.JCBH, geometry: rfc7946(geometry), properties };
  });
  return { type: 'FeatureCollection', features };
}

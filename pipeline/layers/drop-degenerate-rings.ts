/**
 * Closes unclosed rings and drops rings with fewer than 4 positions (after closing) from a GeoJSON
 * polygon, before PostGIS sees it. GEOS cannot even build such rings, and inside PGlite the resulting
 * error is lost: the statement silently returns no rows. A polygon whose outer ring goes is dropped
 * whole. `changed` tells whether anything was altered (counted as a repair).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface CleanedPolygon {
  geometry: Polygon | MultiPolygon | null;
  changed: boolean;
}

function cleanRings(rings: Position[][]): { rings: Position[][] | null; changed: boolean } {
  let changed = false;
  const out: Position[][] = [];
  for (let i = 0; i < rings.length; i++) {
    let ring = rings[i] ?? [];
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      ring = [...ring, first];
      changed = true;
    }
    const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
    if (ring.length < 4 || distinct < 3) {
      changed = true;
      if (i === 0) return { rings: null, changed };
      continue;
    }
    out.push(ring);
  }
  return { rings: out.length ? out : null, changed };
}

export function dropDegenerateRings(g: Polygon | MultiPolygon): CleanedPolygon {
  if (g.type === 'Polygon') {
    const r = cleanRings(g.coordinates);
    return { geometry: r.rings ? { type: 'Polygon', coordinates: r.rings } : null, changed: r.changed };
  }
  let changed = false;
  const polys: Position[][][] = [];
  for (const p of g.coordinates) {
    const r = cleanRings(p);
    changed ||= r.changed;
    if (r.rings) polys.push(r.rings);
  }
  return { geometry: polys.length ? { type: 'MultiPolygon', coordinates: polys } : null, changed };
}

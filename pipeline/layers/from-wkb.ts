/**
 * Standard (ISO or EWKB-flagged) WKB → GeoJSON geometry, 2D (Z/M dropped). Polygons and
 * multipolygons are decoded fully; other types come back with their type name and no coordinates,
 * enough for the importer to reject a mixed layer. Returns null for truncated input.
 */
import type { Geometry, Position } from 'geojson';

const NAMES: Record<number, string> = { 1: 'Point', 2: 'LineString', 3: 'Polygon', 4: 'MultiPoint', 5: 'MultiLineString', 6: 'MultiPolygon', 7: 'GeometryCollection' };

export function fromWkb(bytes: Uint8Array): Geometry | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  try {
    const header = () => {
      const le = view.getUint8(off) === 1;
      const raw = view.getUint32(off + 1, le);
      off += 5;
      let dims = 2;
      if (raw & 0x80000000) dims++; // EWKB Z
      if (raw & 0x40000000) dims++; // EWKB M
      if (raw & 0x20000000) off += 4; // EWKB SRID
      const iso = (raw & 0x0fffffff) % 1000;
      const isoDims = Math.floor((raw & 0x0fffffff) / 1000);
      if (isoDims === 1 || isoDims === 2) dims = 3;
      if (isoDims === 3) dims = 4;
      return { le, type: iso, dims };
    };
    const rings = (le: boolean, dims: number): Position[][] => {
      const n = view.getUint32(off, le);
      off += 4;
      const out: Position[][] = [];
      for (let r = 0; r < n; r++) {
        const m = view.getUint32(off, le);
        off += 4;
        const ring: Position[] = new Array(m);
        for (let i = 0; i < m; i++) {
          ring[i] = [view.getFloat64(off, le), view.getFloat64(off + 8, le)];
          off += 8 * dims;
        }
        out.push(ring);
      }
      return out;
    };
    const h = header();
    if (h.type === 3) return { type: 'Polygon', coordinates: rings(h.le, h.dims) };
    if (h.type === 6) {
      const n = view.getUint32(off, h.le);
      off += 4;
      const polys: Position[][][] = [];
      for (let i = 0; i < n; i++) {
        const p = header();
        if (p.type !== 3) return null;
        polys.push(rings(p.le, p.dims));
      }
      return { type: 'MultiPolygon', coordinates: polys };
    }
    return { type: NAMES[h.type] ?? `WKB type ${h.type}` } as unknown as Geometry;
  } catch {
    return null; // RangeError: truncated
  }
}

/**
 * GeoJSON Polygon/MultiPolygon → hex WKB (2D, little-endian, no SRID), the cheapest form for PostGIS
 * to parse (`hex::geometry`). Z/M ordinates are dropped.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

function ringsBytes(rings: Position[][]): number {
  let n = 4;
  for (const r of rings) n += 4 + r.length * 16;
  return n;
}

function writeRings(buf: Buffer, off: number, rings: Position[][]): number {
  buf.writeUInt32LE(rings.length, off);
  off += 4;
  for (const ring of rings) {
    buf.writeUInt32LE(ring.length, off);
    off += 4;
    for (const p of ring) {
      buf.writeDoubleLE(p[0], off);
      buf.writeDoubleLE(p[1], off + 8);
      off += 16;
    }
  }
  return off;
}

export function polygonToWkbHex(g: Polygon | MultiPolygon): string {
  if (g.type === 'Polygon') {
    const buf = Buffer.allocUnsafe(5 + ringsBytes(g.coordinates));
    buf.writeUInt8(1, 0);
    buf.writeUInt32LE(3, 1);
    writeRings(buf, 5, g.coordinates);
    return buf.toString('hex');
  }
  let size = 9;
  for (const poly of g.coordinates) size += 5 + ringsBytes(poly);
  const buf = Buffer.allocUnsafe(size);
  buf.writeUInt8(1, 0);
  buf.writeUInt32LE(6, 1);
  buf.writeUInt32LE(g.coordinates.length, 5);
  let off = 9;
  for (const poly of g.coordinates) {
    buf.writeUInt8(1, off);
    buf.writeUInt32LE(3, off + 1);
    off = writeRings(buf, off + 5, poly);
  }
  return buf.toString('hex');
}

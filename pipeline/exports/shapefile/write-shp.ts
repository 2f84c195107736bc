/**
 * ESRI Shapefile geometry (.shp + .shx) of polygons, type 5 (Polygon), per the ESRI Shapefile
 * Technical Description (1998): big-endian file code and lengths in 16-bit words, little-endian
 * shape content; exterior rings clockwise, holes counter-clockwise; every part of a MultiPolygon
 * goes into one record. A missing geometry becomes a Null shape (type 0).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { orientPolygon } from '../orient-rings.ts';

const HEADER = 100;

function rings(g: Polygon | MultiPolygon): Position[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((p) => orientPolygon(p, 'cw'));
}

function header(buf: Buffer, fileBytes: number, box: number[]): void {
  buf.writeInt32BE(9994, 0);
  buf.writeInt32BE(fileBytes / 2, 24);
  buf.writeInt32LE(1000, 28);
  buf.writeInt32LE(5, 32);
  for (let i = 0; i < 4; i++) buf.writeDoubleLE(box[i], 36 + i * 8);
  // Z and M ranges stay 0.
}

export function writeShp(geoms: (Polygon | MultiPolygon | null)[]): { shp: Buffer; shx: Buffer } {
  const contents: Buffer[] = [];
  const total = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms) {
    if (!g) {
      const c = Buffer.alloc(4);
      c.writeInt32LE(0, 0);
      contents.push(c);
      continue;
    }
    const rs = rings(g);
    const nPoints = rs.reduce((s, r) => s + r.length, 0);
    const c = Buffer.alloc(44 + 4 * rs.length + 16 * nPoints);
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    let off = 44 + 4 * rs.length;
    let start = 0;
    rs.forEach((r, i) => {
      c.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
      for (const [x, y] of r) {
        c.writeDoubleLE(x, off);
        c.writeDoubleLE(y, off + 8);
        off += 16;
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    });
    c.writeInt32LE(5, 0);
    for (let i = 0; i < 4; i++) c.writeDoubleLE(box[i], 4 + i * 8);
    c.writeInt32LE(rs.length, 36);
    c.writeInt32LE(nPoints, 40);
    contents.push(c);
    total[0] = Math.min(total[0], box[0]);
    total[1] = Math.min(total[1], box[1]);
    total[2] = Math.max(total[2], box[2]);
    total[3] = Math.max(total[3], box[3]);
  }
  const box = Number.isFinite(total[0]) ? total : [0, 0, 0, 0];
  const shpBytes = HEADER + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = Buffer.alloc(shpBytes);
  const shx = Buffer.alloc(HEADER + 8 * contents.length);
  header(shp, shpBytes, box);
  header(shx, shx.length, box);
  let off = HEADER;
  contents.forEach((c, i) => {
    shx.writeInt32BE(off / 2, HEADER + 8 * i);
    shx.writeInt32BE(c.length / 2, HEADER + 8 * i + 4);
    shp.writeInt32BE(i + 1, off);
    shp.writeInt32BE(c.length / 2, off + 4);
    c.copy(shp, off + 8);
    off += 8 + c.length;
  });
  return { shp, shx };
}

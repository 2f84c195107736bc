/**
 * Writes a tiny polygon shapefile (.shp/.shx/.dbf, optional .prj/.cpg) for tests. Rings are given as
 * [x, y][] in the file's CRS; outer rings must be clockwise (the shapefile convention). Attribute
 * fields are all character fields encoded with `encoding` (iconv-lite name).
 */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

export interface TestShape {
  rings: [number, number][][];
  attrs: Record<string, string>;
}

export function writeShapefile(base: string, shapes: TestShape[], opts: { encoding: string; prj?: string; cpg?: string }): void {
  const contents = shapes.map((s) => polygonContent(s.rings));
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of shapes) for (const r of s.rings) for (const [x, y] of r) {
    bbox[0] = Math.min(bbox[0], x); bbox[1] = Math.min(bbox[1], y);
    bbox[2] = Math.max(bbox[2], x); bbox[3] = Math.max(bbox[3], y);
  }
  const shpLen = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = Buffer.alloc(shpLen);
  const shx = Buffer.alloc(100 + 8 * shapes.length);
  header(shp, shpLen, bbox);
  header(shx, shx.length, bbox);
  let off = 100;
  contents.forEach((c, i) => {
    shx.writeInt32BE(off / 2, 100 + 8 * i);
    shx.writeInt32BE(c.length / 2, 104 + 8 * i);
    shp.writeInt32BE(i + 1, off);
    shp.writeInt32BE(c.length / 2, off + 4);
    c.copy(shp, off + 8);
    off += 8 + c.length;
  });
  writeFileSync(`${base}.shp`, shp);
  writeFileSync(`${base}.shx`, shx);
  writeFileSync(`${base}.dbf`, dbf(shapes.map((s) => s.attrs), opts.encoding));
  if (opts.prj) writeFileSync(`${base}.prj`, opts.prj);
  if (opts.cpg) writeFileSync(`${base}.cpg`, opts.cpg);
}

function header(b: Buffer, bytes: number, bbox: number[]): void {
  b.writeInt32BE(9994, 0);
  b.writeInt32BE(bytes / 2, 24);
  b.writeInt32LE(1000, 28);
  b.writeInt32LE(5, 32);
  bbox.forEach((v, i) => b.writeDoubleLE(v, 36 + 8 * i));
}

function polygonContent(rings: [number, number][][]): Buffer {
  const n = rings.reduce((k, r) => k + r.length, 0);
  const b = Buffer.alloc(44 + 4 * rings.length + 16 * n);
  const xs = rings.flat().map((p) => p[0]);
  const ys = rings.flat().map((p) => p[1]);
  b.writeInt32LE(5, 0);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  b.writeInt32LE(rings.length, 36);
  b.writeInt32LE(n, 40);
  let start = 0;
  rings.forEach((r, i) => {
    b.writeInt32LE(start, 44 + 4 * i);
    start += r.length;
  });
  let off = 44 + 4 * rings.length;
  for (const [x, y] of rings.flat()) {
    b.writeDoubleLE(x, off);
    b.writeDoubleLE(y, off + 8);
    off += 16;
  }
  return b;
}

function dbf(rows: Record<string, string>[], encoding: string): Buffer {
  const names = Object.keys(rows[0] ?? {});
  const widths = names.map((k) => Math.max(1, ...rows.map((r) => iconv.encode(r[k] ?? '', encoding).length)));
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const b = Buffer.alloc(headerLength + recordLength * rows.length + 1, 0x20);
  b.fill(0, 0, headerLength);
  b.writeUInt8(3, 0);
  b.writeUInt32LE(rows.length, 4);
  b.writeUInt16LE(headerLength, 8);
  b.writeUInt16LE(recordLength, 10);
  names.forEach((k, i) => {
    const o = 32 + 32 * i;
    iconv.encode(k, encoding).copy(b, o, 0, 10);
    b.write('C', o + 11, 'latin1');
    b.writeUInt8(widths[i], o + 16);
  });
  b.writeUInt8(0x0d, headerLength - 1);
  rows.forEach((r, j) => {
    let o = headerLength + j * recordLength + 1;
    names.forEach((k, i) => {
      iconv.encode(r[k] ?? '', encoding).copy(b, o);
      o += widths[i];
    });
  });
  b.writeUInt8(0x1a, b.length - 1);
  return b;
}

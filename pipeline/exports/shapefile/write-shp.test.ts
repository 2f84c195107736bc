import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as shapefile from 'shapefile';
import { describe, expect, it } from 'vitest';
import { writeDbf, utf8Prefix } from './write-dbf.ts';
import { writeShp } from './write-shp.ts';

describe('shapefile writers', () => {
  it('writes polygons with holes and multipolygons that the shapefile package reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-shp-'));
    const outer = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]; // clockwise on purpose for GeoJSON input
    const hole = [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]];
    const { shp, shx } = writeShp([
      { type: 'Polygon', coordinates: [outer, hole] },
      null,
      { type: 'MultiPolygon', coordinates: [[[[20, 0], [21, 0], [21, 1], [20, 0]]], [[[30, 0], [31, 0], [31, 1], [30, 0]]]] },
    ]);
    const dbf = writeDbf([{ name: 'NAME', type: 'C' }], [['甲'], ['乙'], ['丙']]);
    writeFileSync(join(dir, 'a.shp'), shp);
    writeFileSync(join(dir, 'a.shx'), shx);
    writeFileSync(join(dir, 'a.dbf'), dbf);
    const src = await shapefile.open(join(dir, 'a.shp'), join(dir, 'a.dbf'), { encoding: 'utf-8' });
    const out = [];
    for (let r = await src.read(); !r.done; r = await src.read()) out.push(r.value);
    expect(out.map((f) => f.properties?.NAME)).toEqual(['甲', '乙', '丙']);
    expect(out[0].geometry).toMatchObject({ type: 'Polygon' });
    expect((out[0].geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2); // exterior + hole
    expect(out[1].geometry).toBeNull();
    expect(out[2].geometry).toMatchObject({ type: 'MultiPolygon' });
    expect(shp.readInt32BE(24) * 2).toBe(shp.length);
    expect(shx.length).toBe(100 + 3 * 8);
  });

  it('sizes character fields in UTF-8 bytes and never splits a character', () => {
    expect(utf8Prefix('西湖区', 7).toString('utf8')).toBe('西湖');
    const dbf = writeDbf([{ name: 'XZQMC', type: 'C' }, { name: 'TBMJ', type: 'N', width: 10, decimals: 2 }], [['西湖区', 1234.567]]);
    expect(dbf[32 + 16]).toBe(9); // 3 characters × 3 bytes
    expect(dbf.subarray(dbf.length - 1 - 19, dbf.length - 1).toString('utf8')).toBe('西湖区   1234.57');
  });
});

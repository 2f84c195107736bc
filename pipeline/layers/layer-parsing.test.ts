import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { asDate, attrsJson } from './clean-values.ts';
import { dropDegenerateRings } from './drop-degenerate-rings.ts';
import { gpkgWkb } from './read-geopackage.ts';
import { encodingFromCpg, readDbf } from './read-dbf.ts';
import { prjToSrid } from './prj-to-srid.ts';
import { sridFromName } from './srid-from-name.ts';
import { polygonToWkbHex } from './to-wkb.ts';
import { fromWkb } from './from-wkb.ts';
import { readFileSync } from 'node:fs';

describe('sridFromName', () => {
  it.each([
    ['EPSG:4490', 4490],
    ['urn:ogc:def:crs:EPSG::4526', 4526],
    ['urn:ogc:def:crs:EPSG:6.6:4326', 4326],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 4326],
    ['CGCS2000_3_Degree_GK_Zone_38', 4526],
    ['CGCS2000_3_Degree_GK_CM_114E', 4547],
    ['CGCS2000 / 3-degree Gauss-Kruger zone 38', 4526],
    ['CGCS2000 / 3-degree Gauss-Kruger CM 114E', 4547],
    ['CGCS2000_GK_Zone_19', 4497],
    ['CGCS2000_GK_CM_111E', 4508],
    ['WGS_1984_UTM_Zone_32N', 32632],
    ['WGS 84 / UTM zone 50S', 32750],
    ['GCS_WGS_1984', 4326],
    ['GCS_China_Geodetic_Coordinate_System_2000', 4490],
    ['WGS_1984_Web_Mercator_Auxiliary_Sphere', 3857],
  ])('%s → %i', (name, srid) => expect(sridFromName(name)).toBe(srid));
  it('returns undefined for unknown names', () => expect(sridFromName('Beijing_1954_3_Degree_GK_Zone_38')).toBeUndefined());
});

describe('prjToSrid', () => {
  it('reads the real Zurich .prj as UTM 32N', () => {
    expect(prjToSrid(readFileSync('/work/shared/data/real/vector/zurich-crop-parcels-2019/ZH_Polygons_2019_EPSG32632_selected-crops.prj', 'utf8'))).toBe(32632);
  });
  it('prefers a top-level EPSG authority', () => {
    expect(prjToSrid('PROJCS["custom",GEOGCS["x",AUTHORITY["EPSG","4490"]],AUTHORITY["EPSG","4526"]]')).toBe(4526);
  });
  it('derives a CGCS2000 GK zone from the parameters when the name is custom', () => {
    const wkt = (fe: number) =>
      `PROJCS["my_county",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",${fe}],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0]]`;
    expect(prjToSrid(wkt(38500000))).toBe(4526);
    expect(prjToSrid(wkt(500000))).toBe(4547);
  });
});

describe('readDbf', () => {
  function dbf(values: string[], encoding: string): Buffer {
    const bytes = values.map((v) => iconv.encode(v, encoding));
    const w = Math.max(...bytes.map((b) => b.length));
    const b = Buffer.alloc(32 + 32 + 1 + values.length * (1 + w), 0x20);
    b.fill(0, 0, 65);
    b.writeUInt8(3, 0);
    b.writeUInt32LE(values.length, 4);
    b.writeUInt16LE(65, 8);
    b.writeUInt16LE(1 + w, 10);
    b.write('DLMC', 32, 'latin1');
    b.write('C', 43, 'latin1');
    b.writeUInt8(w, 48);
    b.writeUInt8(0x0d, 64);
    bytes.forEach((x, i) => x.copy(b, 65 + i * (1 + w) + 1));
    return b;
  }
  it('guesses GBK when the bytes are not UTF-8, and UTF-8 when they are', () => {
    expect(readDbf(dbf(['水浇地', '旱地'], 'gbk'))).toMatchObject({ encoding: 'gbk', records: [{ DLMC: '水浇地' }, { DLMC: '旱地' }] });
    expect(readDbf(dbf(['水浇地', '旱地'], 'utf8'))).toMatchObject({ encoding: 'utf8', records: [{ DLMC: '水浇地' }, { DLMC: '旱地' }] });
  });
  it('maps .cpg texts to encodings', () => {
    expect(encodingFromCpg('UTF-8\n')).toBe('utf8');
    expect(encodingFromCpg('GBK')).toBe('gbk');
    expect(encodingFromCpg('936')).toBe('cp936');
    expect(encodingFromCpg('ANSI 936')).toBe('cp936');
    expect(encodingFromCpg('ISO-8859-1')).toBe('iso-8859-1');
    expect(encodingFromCpg('nonsense')).toBeUndefined();
  });
});

describe('geometry helpers', () => {
  it('encodes a polygon as little-endian WKB', () => {
    const hex = polygonToWkbHex({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(hex.slice(0, 18)).toBe('010300000001000000');
    expect(hex.length).toBe((9 + 4 + 4 * 16) * 2);
  });
  it('decodes WKB polygons back, including ISO Z and big-endian', () => {
    const mp = { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] };
    expect(fromWkb(Buffer.from(polygonToWkbHex(mp), 'hex'))).toEqual(mp);
    const z = Buffer.alloc(9 + 4 + 4 * 24);
    z.writeUInt8(0, 0); // big-endian
    z.writeUInt32BE(1003, 1); // Polygon Z
    z.writeUInt32BE(1, 5);
    z.writeUInt32BE(4, 9);
    [[0, 0], [1, 0], [1, 1], [0, 0]].forEach(([x, y], i) => {
      z.writeDoubleBE(x, 13 + 24 * i);
      z.writeDoubleBE(y, 21 + 24 * i);
      z.writeDoubleBE(99, 29 + 24 * i);
    });
    expect(fromWkb(z)).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(fromWkb(Buffer.from('0101000000000000000000f03f000000000000f03f', 'hex'))).toEqual({ type: 'Point' });
    expect(fromWkb(Buffer.from('0103000000', 'hex'))).toBeNull();
  });
  it('drops degenerate rings and closes open ones', () => {
    expect(dropDegenerateRings({ type: 'Polygon', coordinates: [[[1, 1], [1, 1]]] })).toEqual({ geometry: null, changed: true });
    const open = dropDegenerateRings({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]], [[0, 0], [0, 0]]] });
    expect(open).toEqual({ geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, changed: true });
  });
  it('strips the GeoPackage header (with envelope) and honours the empty flag', () => {
    const wkb = Buffer.from(polygonToWkbHex({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }), 'hex');
    const blob = Buffer.concat([Buffer.from([0x47, 0x50, 0, 0b011, 0xe6, 0x10, 0, 0]), Buffer.alloc(32), wkb]);
    expect(Buffer.from(gpkgWkb(blob)!).equals(wkb)).toBe(true);
    expect(gpkgWkb(Buffer.from([0x47, 0x50, 0, 0b10001, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('clean values', () => {
  it('parses common date spellings and rejects impossible dates', () => {
    expect(asDate('2021年3月5日')).toBe('2021-03-05');
    expect(asDate('20210305')).toBe('2021-03-05');
    expect(asDate('2021/3/5')).toBe('2021-03-05');
    expect(asDate('2021-02-30')).toBeNull();
    expect(asDate(new Date(Date.UTC(2020, 0, 2)))).toBe('2020-01-02');
  });
  it('removes NUL characters jsonb would reject, in keys and values', () => {
    expect(JSON.parse(attrsJson({ 'a\0b': 'x\0y', n: 1 }))).toEqual({ ab: 'xy', n: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { proj4Def } from './epsg-defs.ts';
import { crsTransform } from './transform.ts';

/** Reference values from PostGIS 3 (PROJ): ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), src), dst). */
const REFERENCE: [number, number, number, number, number, number][] = [
  [4490, 114.3, 30.5, 4526, 38528799.74247856, 3375580.0002218806],
  [4490, 114.3, 30.5, 4545, 1105388.12224772, 3392476.9701963402],
  [4490, 114.3, 30.5, 4499, 20663243.87939456, 3407941.1063022492],
  [4490, 114.3, 30.5, 4510, -336756.1206054387, 3407941.1063022492],
  [4490, 87.6, 43.8, 4515, 28031184.876070242, 4872823.997727604],
  [4490, 120.1, 30.2, 4527, 39798578.351423845, 3346349.777741525],
  [4490, 120.1, 30.2, 4511, -358713.59446192195, 3376003.605516398],
  [4326, 118.8, 32.0, 32650, 670031.9763145753, 3541851.3181092176],
  [4326, -46.6, -23.5, 32723, 336625.13185734977, 7400218.860176036],
  [4326, 114.3, 30.5, 3857, 12723817.797671169, 3567983.4559358214],
  [4490, 75.5, 39.4, 4513, 25543068.37931514, 4363030.986246249],
  [4490, 134.9, 47.1, 4554, 492408.6025472792, 5218369.0434191935],
  [4490, 72.9, 39.5, 4491, 13319364.013383325, 4376120.26110034],
  [4490, 134.5, 48, 4501, 23462687.372087684, 5318548.586048822],
];

describe('proj4Def', () => {
  it.each(REFERENCE)('EPSG:%i (%f, %f) → EPSG:%i matches PostGIS', (src, lon, lat, dst, x, y) => {
    const [px, py] = crsTransform(src, dst)(lon, lat);
    expect(Math.abs(px - x)).toBeLessThan(0.01);
    expect(Math.abs(py - y)).toBeLessThan(0.01);
    const [blon, blat] = crsTransform(dst, src)(px, py);
    expect(Math.abs(blon - lon)).toBeLessThan(1e-8);
    expect(Math.abs(blat - lat)).toBeLessThan(1e-8);
  });

  it('puts central meridian and false easting by formula', () => {
    expect(proj4Def(4526)).toContain('+lon_0=114 ');
    expect(proj4Def(4526)).toContain('+x_0=38500000 ');
    expect(proj4Def(4545)).toContain('+lon_0=108 ');
    expect(proj4Def(4545)).toContain('+x_0=500000 ');
    expect(proj4Def(4491)).toContain('+lon_0=75 ');
    expect(proj4Def(4512)).toContain('+lon_0=135 ');
    expect(proj4Def(4326)).not.toBeNull();
    for (let c = 4491; c <= 4554; c++) expect(proj4Def(c)).not.toBeNull();
    expect(proj4Def(4555)).toBeNull();
    expect(proj4Def(2154)).toBeNull();
  });
});

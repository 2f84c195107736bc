import type { MultiPolygon, Polygon } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea } from './ellipsoidal-area.ts';
import { ellipsoidalMeasures } from './ellipsoidal-measures.ts';
import { usePostgis } from './test-support.ts';

const a = 6378137;
const f = 1 / 298.257222101;

/** Area between two parallels over dLon degrees on the GRS80 ellipsoid (authalic formula, Snyder 1987 eq. 3-12). */
function bandArea(lat1: number, lat2: number, dLon: number): number {
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const q = (lat: number): number => {
    const s = Math.sin((lat * Math.PI) / 180);
    return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)));
  };
  return ((a * a * ((dLon * Math.PI) / 180)) / 2) * (q(lat2) - q(lat1));
}

const square = (lon: number, lat: number, d: number): number[][] => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

describe('ellipsoidalArea', () => {
  it('matches the hand-computed area of a 0.01° square at the equator', () => {
    const expected = bandArea(0, 0.01, 0.01);
    expect(expected).toBeCloseTo(1230907.2, 0);
    const got = ellipsoidalArea({ type: 'Polygon', coordinates: [square(0, 0, 0.01)] });
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-6);
  });

  it('ignores ring orientation and subtracts holes', () => {
    const outer = square(114, 30, 0.01);
    const hole = square(114.002, 30.002, 0.004);
    const plain = ellipsoidalArea({ type: 'Polygon', coordinates: [outer] });
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(plain, 6);
    const holed = ellipsoidalArea({ type: 'Polygon', coordinates: [outer, hole] });
    const holeArea = ellipsoidalArea({ type: 'Polygon', coordinates: [hole] });
    expect(holed).toBeCloseTo(plain - holeArea, 6);
    expect(Math.abs(holeArea - bandArea(30.002, 30.006, 0.004)) / holeArea).toBeLessThan(1e-5);
  });

  describe('against PostGIS ST_Area(geography) (127.0.0.1:5432)', () => {
    const postgis = usePostgis();

    it('agrees within 0.1 % on projected patches, holes and multipolygons', async () => {
      const utm = '+proj=utm +zone=50 +ellps=GRS80 +units=m +no_defs';
      const ll = (pts: number[][]): number[][] => pts.map((p) => proj4(utm, 'EPSG:4326', p));
      const e = 500000;
      const n = 3500000;
      const geoms: (Polygon | MultiPolygon)[] = [
        { type: 'Polygon', coordinates: [ll([[e, n], [e + 300, n], [e + 300, n + 200], [e, n + 200], [e, n]])] },
        {
          type: 'Polygon',
          coordinates: [
            ll([[e + 1000, n], [e + 1500, n + 40], [e + 1400, n + 600], [e + 1050, n + 500], [e + 1000, n]]),
            ll([[e + 1100, n + 100], [e + 1100, n + 300], [e + 1300, n + 300], [e + 1300, n + 100], [e + 1100, n + 100]]),
          ],
        },
        {
          type: 'MultiPolygon',
          coordinates: [
            [ll([[e, n + 5000], [e + 20, n + 5000], [e + 20, n + 5020], [e, n + 5020], [e, n + 5000]])],
            [ll([[e + 20, n + 5020], [e + 45, n + 5020], [e + 45, n + 5031], [e + 20, n + 5031], [e + 20, n + 5020]])],
          ],
        },
        { type: 'Polygon', coordinates: [square(120.5, 45.2, 0.3)] },
      ];
      const { rows } = await postgis().query(
        `SELECT ST_Area(g::geography, true) AS area, ST_Perimeter(g::geography, true) AS perimeter
           FROM unnest($1::text[]) WITH ORDINALITY AS t(j, i), ST_SetSRID(ST_GeomFromGeoJSON(j), 4490) AS g ORDER BY i`,
        [geoms.map((g) => JSON.stringify(g))],
      );
      geoms.forEach((g, i) => {
        const m = ellipsoidalMeasures(g);
        expect(Math.abs(m.areaM2 - rows[i].area) / rows[i].area).toBeLessThan(1e-3);
        expect(Math.abs(m.areaM2 - rows[i].area) / rows[i].area).toBeLessThan(1e-8);
        expect(Math.abs(m.perimeterM - rows[i].perimeter) / rows[i].perimeter).toBeLessThan(1e-8);
      });
    });
  });
});

/**
 * `landwatch overlay` end to end below the CLI: a GDAL-style GeoJSON in EPSG:4526 (with a `crs`
 * member) and an RFC 7946 file, overlaid with the fixture layers, come back as RFC 7946 features with
 * their own properties and the results added.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { testStores } from '../store/test-helpers.ts';
import { addFixtureLayers, rect } from './overlay-fixture.ts';
import { overlayFile } from './overlay-file.ts';

const X0 = 38_500_000;
const Y0 = 3_300_000;
const poly = (r: number[][]) => ({ type: 'Polygon', coordinates: [r.map(([x, y]) => [X0 + x, Y0 + y])] });

describe.each(testStores())('overlayFile on $name', (backend) => {
  let db: Store;
  const dir = mkdtempSync(join(tmpdir(), 'overlay-file-'));
  beforeAll(async () => {
    db = await backend.open();
    await addFixtureLayers(db);
  }, 120_000);
  afterAll(() => backend.close());

  it('keeps properties and order, adds results and JCBH for suspected features only', async () => {
    const file = join(dir, 'hand.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
      features: [
        { type: 'Feature', properties: { name: 'on farmland', id: 7 }, geometry: poly(rect(150, 0, 240, 100)) },
        { type: 'Feature', properties: { name: 'approved' }, geometry: { type: 'MultiPolygon', coordinates: [poly(rect(300, 0, 400, 100)).coordinates, poly(rect(300, 120, 400, 160)).coordinates] } },
        { type: 'Feature', properties: { name: 'no geometry' }, geometry: null },
      ],
    }));
    const res = await overlayFile(db, { patches: file, region: '330106', hsx: '2024-06-30' });
    expect(res).toMatchObject({ features: 3, patches: 2, suspected: 1, clues: 1 });
    expect(res.layers.map((l) => l.kind)).toEqual(['approved', 'farmland', 'landuse', 'redline']);
    expect(res.runId).toMatch(/^ovl-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const [a, b, c] = res.collection.features;
    expect(a.geometry.type).toBe('Polygon');
    expect(a.properties).toMatchObject({ name: 'on farmland', id: 7, suspected_violation: true, severity: 'high', rule: 'R3', jcbh: '330106202400001', approvals: [] });
    expect(a.properties?.area_m2).toBeCloseTo(9000, -1);
    expect(a.properties?.area_mu).toBeCloseTo(13.5, 1);
    expect(a.properties?.farmland_m2).toBeCloseTo(5000, -1);
    expect(a.properties?.dlbm_m2).toMatchObject({ '0101': expect.any(Number), '0702': expect.any(Number) });
    const lon = (a.geometry as { coordinates: number[][][] }).coordinates[0][0][0];
    expect(lon).toBeGreaterThan(113.99);
    expect(lon).toBeLessThan(114.01);
    expect(b.geometry.type).toBe('MultiPolygon');
    expect(b.properties).toMatchObject({ name: 'approved', suspected_violation: false, severity: 'none', rule: 'R1', approvals: ['PZ-1', 'PZ-2'] });
    expect(b.properties).not.toHaveProperty('jcbh');
    expect(c).toMatchObject({ geometry: null, properties: { name: 'no geometry', suspected_violation: false, rule: 'NO_GEOMETRY' } });

    // a second call is a new run: the county-year sequence continues
    const again = await overlayFile(db, { patches: file, region: '330106', hsx: '2024-06-30' });
    expect(again.collection.features[0].properties?.jcbh).toBe('330106202400002');
  });

  it('reads RFC 7946 lon/lat input, and rejects points with InputError', async () => {
    const file = join(dir, 'wgs.geojson');
    const ring = [[114.0005, 29.8186], [114.0015, 29.8186], [114.0015, 29.8194], [114.0005, 29.8194], [114.0005, 29.8186]];
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    const res = await overlayFile(db, { patches: file });
    expect(res.collection.features[0].properties?.area_m2).toBeGreaterThan(5000);
    const bad = join(dir, 'points.geojson');
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 30] } }] }));
    await expect(overlayFile(db, { patches: bad })).rejects.toMatchObject({ name: 'InputError', code: 'LAYER_INVALID' });
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM runs WHERE params->>'patches' = $1", [bad]);
    expect(rows[0].n).toBe(0);
  });
});

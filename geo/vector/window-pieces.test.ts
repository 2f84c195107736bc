import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { ringShoelace } from './pixel-ring-area.ts';
import { pixelMultiPolygon, randomRaster, rasterFromRows, seeded, wholeWindow, usePostgis } from './test-support.ts';
import { windowPieces } from './window-pieces.ts';

describe('windowPieces', () => {
  it('keeps holes, with shells and holes oriented and canonical', () => {
    const r = rasterFromRows(['#####', '#...#', '#.#.#', '#...#', '#####']);
    const [piece, island] = windowPieces(r, wholeWindow(r));
    expect(piece.polygons).toEqual([{ rings: [[0, 0, 0, 5, 5, 5, 5, 0], [1, 1, 4, 1, 4, 4, 1, 4]], edges: expect.anything() }]);
    expect(island.polygons).toEqual([{ rings: [[2, 2, 2, 3, 3, 3, 3, 2]] }]);
    expect(ringShoelace(piece.polygons[0].rings[0])).toBe(-50);
    expect(ringShoelace(piece.polygons[0].rings[1])).toBe(18);
    expect(piece.stats.pixelCount).toBe(16);
  });

  it('joins pixels meeting at a corner into one patch of polygons touching at that corner', () => {
    const r = rasterFromRows(['#..', '.#.', '..#']);
    const pieces = windowPieces(r, wholeWindow(r));
    expect(pieces).toHaveLength(1);
    expect(pieces[0].polygons.map((p) => p.rings)).toEqual([
      [[0, 0, 0, 1, 1, 1, 1, 0]],
      [[1, 1, 1, 2, 2, 2, 2, 1]],
      [[2, 2, 2, 3, 3, 3, 3, 2]],
    ]);
    expect(pieces[0].stats.pixelCount).toBe(3);
  });

  it('splits a hole that meets the shell at a corner instead of making the shell touch itself', () => {
    // The centre hole reaches the outside through the corner at (2, 2).
    const r = rasterFromRows(['###', '#.#', '##.']);
    const [piece] = windowPieces(r, wholeWindow(r));
    expect(piece.polygons.map((p) => p.rings)).toEqual([[[0, 0, 0, 3, 2, 3, 2, 2, 3, 2, 3, 0], [1, 1, 2, 1, 2, 2, 1, 2]]]);
  });

  it('gives an island inside a pinched hole its own polygon', () => {
    const r = rasterFromRows(['#####', '##..#', '#.#.#', '#...#', '#####']);
    const [piece] = windowPieces(r, wholeWindow(r));
    expect(piece.polygons.map((p) => p.rings.length)).toEqual([2, 1]);
    expect(piece.polygons[1].rings[0]).toEqual([2, 2, 2, 3, 3, 3, 3, 2]);
  });

  it('sums stats: pixels, class counts and features', () => {
    const r = rasterFromRows(['##.', '#..', '..#']);
    r.changeClass.set([1, 3, 0, 3, 0, 0, 0, 0, 9]);
    r.features = [new Float32Array([0.5, 0.25, 7, 1e-3, 7, 7, 7, 7, -2])];
    const [a, b] = windowPieces(r, wholeWindow(r));
    expect(a.stats).toEqual({ pixelCount: 3, typeCounts: [0, 1, 0, 2, 0], featureSums: [0.5 + 0.25 + Math.fround(1e-3)] });
    expect(b.stats).toEqual({ pixelCount: 1, typeCounts: [0, 0, 0, 0, 1], featureSums: [-2] });
  });

  it('looks only at the core and reports runs on the core edges in global coordinates', () => {
    // Halo pixels would join the two core pixels if they were looked at.
    const r = rasterFromRows(['######', '#..#.#', '##..##', '######']);
    const win = { core: { x: 11, y: 21, width: 3, height: 2 }, outer: { x: 10, y: 20, width: 6, height: 4 } };
    const pieces = windowPieces(r, win);
    expect(pieces.map((p) => p.polygons)).toEqual([
      [{ rings: [[13, 21, 13, 22, 14, 22, 14, 21]], edges: { left: [], right: [21, 22], top: [13, 14], bottom: [] } }],
      [{ rings: [[11, 22, 11, 23, 12, 23, 12, 22]], edges: { left: [22, 23], right: [], top: [], bottom: [11, 12] } }],
    ]);
    expect(pieces[0].core).toEqual(win.core);
  });

  it('reads masks that are unaligned views or hold values other than 1', () => {
    const r = randomRaster(45, 19, 0.4, seeded(5));
    const expected = windowPieces(r, wholeWindow(r));
    const shifted = new Uint8Array(r.mask.length + 1);
    shifted.set(r.mask.map((v) => v * 255), 1);
    expect(windowPieces({ ...r, mask: shifted.subarray(1) }, wholeWindow(r))).toEqual(expected);
  });

  it('rejects a raster that does not match the window', () => {
    const r = rasterFromRows(['##', '##']);
    expect(() => windowPieces(r, { core: { x: 0, y: 0, width: 3, height: 2 }, outer: { x: 0, y: 0, width: 3, height: 2 } })).toThrow(InputError);
  });

  describe('against PostGIS (127.0.0.1:5432)', () => {
    const postgis = usePostgis();

    it('every patch of random masks is a valid geometry whose area is its pixel count', async () => {
      const geoms: string[] = [];
      const counts: number[] = [];
      for (let seed = 1; seed <= 30; seed++) {
        const rnd = seeded(seed);
        const r = randomRaster(37, 29, 0.15 + 0.7 * rnd(), rnd);
        for (const piece of windowPieces(r, wholeWindow(r))) {
          geoms.push(JSON.stringify(pixelMultiPolygon(piece.polygons.map((p) => p.rings))));
          counts.push(piece.stats.pixelCount);
        }
      }
      const { rows } = await postgis().query(
        `SELECT ST_IsValidReason(g) AS reason, ST_Area(g) AS area
           FROM unnest($1::text[]) WITH ORDINALITY AS t(j, i), ST_GeomFromGeoJSON(j) AS g ORDER BY i`,
        [geoms],
      );
      expect(rows.length).toBeGreaterThan(1000);
      expect(rows.filter((row) => row.reason !== 'Valid Geometry')).toEqual([]);
      expect(rows.map((row) => row.area)).toEqual(counts);
    });
  });
});

/** Helpers shared by the vectoriser's tests (not used by production code). */
import type { MultiPolygon } from 'geojson';
import type { ChangeRaster, HaloWindow } from '../types.ts';
import type { PixelPolygon } from './types.ts';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** A raster from rows of '#' (changed) and '.'; class 0, one feature channel of 1s. */
export function rasterFromRows(rows: string[]): ChangeRaster {
  const height = rows.length;
  const width = rows[0].length;
  const mask = new Uint8Array(width * height);
  rows.forEach((r, y) => [...r].forEach((c, x) => (mask[y * width + x] = c === '#' ? 1 : 0)));
  return { width, height, mask, changeClass: new Uint8Array(width * height), features: [new Float32Array(width * height).fill(1)] };
}

/** Deterministic uniform numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A random raster: mask of the given density, random classes, one feature spanning 8 decades. */
export function randomRaster(width: number, height: number, density: number, rnd: () => number): ChangeRaster {
  const n = width * height;
  return {
    width,
    height,
    mask: new Uint8Array(n).map(() => (rnd() < density ? 1 : 0)),
    changeClass: new Uint8Array(n).map(() => Math.floor(rnd() * 5)),
    features: [new Float32Array(n).map(() => (rnd() - 0.3) * 10 ** Math.floor(rnd() * 8 - 4))],
  };
}

/** The window covering a whole raster. */
export function wholeWindow(r: { width: number; height: number }): HaloWindow {
  const w = { x: 0, y: 0, width: r.width, height: r.height };
  return { core: w, outer: { ...w } };
}

/** The part of a whole-grid raster under a window's outer extent. */
export function cutRaster(r: ChangeRaster, win: HaloWindow): ChangeRaster {
  const { x, y, width, height } = win.outer;
  const take = <T extends Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
    const out = make(width * height);
    for (let row = 0; row < height; row++) out.set(a.subarray((y + row) * r.width + x, (y + row) * r.width + x + width), row * width);
    return out;
  };
  return {
    width,
    height,
    mask: take(r.mask, (n) => new Uint8Array(n)),
    changeClass: take(r.changeClass, (n) => new Uint8Array(n)),
    features: r.features.map((f) => take(f, (n) => new Float32Array(n))),
  };
}

/** Pixel polygons as a GeoJSON MultiPolygon with y flipped (so shells run counter-clockwise). */
export function pixelMultiPolygon(polygons: PixelPolygon[]): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((poly) =>
      poly.map((ring) => {
        const c: number[][] = [];
        for (let i = 0; i < ring.length; i += 2) c.push([ring[i], -ring[i + 1]]);
        c.push([ring[0], -ring[1]]);
        return c;
      }),
    ),
  };
}

/**
 * A client of the test PostgreSQL (DATABASE_URL, else 127.0.0.1:5432/test) with PostGIS, open for the
 * enclosing describe block; a missing server fails the tests that use it.
 */
export function usePostgis(): () => pg.Client {
  let db: pg.Client | undefined;
  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  });
  afterAll(async () => db?.end());
  return () => {
    if (!db) throw new Error('usePostgis: no connection (beforeAll did not run)');
    return db;
  };
}

/**
 * Coordinate transforms between supported EPSG codes through proj4 with the pinned definitions of
 * epsg-defs.ts. Coordinates are [x, y] = [easting, northing] or [longitude, latitude] in degrees.
 */
import proj4 from 'proj4';
import { InputError } from '../errors.ts';
import { proj4Def } from './epsg-defs.ts';

export type Transform = (x: number, y: number) => [number, number];

const cache = new Map<string, Transform>();

/** A function mapping points from `from` to `to`; identity when equal. */
export function crsTransform(from: number, to: number): Transform {
  const key = `${from}>${to}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let fn: Transform;
  if (from === to) fn = (x, y) => [x, y];
  else {
    const a = proj4Def(from);
    const b = proj4Def(to);
    if (a === null || b === null) throw new InputError('CRS_UNKNOWN', `unsupported CRS EPSG:${a === null ? from : to}`);
    const conv = proj4(a, b);
    fn = (x, y) => {
      const p = conv.forward([x, y]);
      return [p[0], p[1]];
    };
  }
  cache.set(key, fn);
  return fn;
}

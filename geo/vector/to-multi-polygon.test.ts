import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toMultiPolygon } from './to-multi-polygon.ts';

describe('toMultiPolygon', () => {
  it('wraps a Polygon and passes a MultiPolygon through', () => {
    const p: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(toMultiPolygon(p)).toEqual({ type: 'MultiPolygon', coordinates: [p.coordinates] });
    const m = toMultiPolygon(p);
    expect(toMultiPolygon(m)).toBe(m);
  });
});

import type { Position } from 'geojson';
import type { DetectedPatch } from './assemble-patches.ts';

/** Coordinates to 1e-7° (about 1 cm): finer than any imagery we read, and RFC 7946 friendly. */
function roundPositions(coords: unknown): unknown {
  if (typeof coords === 'number') return Math.round(coords * 1e7) / 1e7;
  return (coords as Position[]).map(roundPositions);
}

/** One RFC 7946 Feature (lon/lat) per patch, its key as the feature id. */
export function patchFeature(p: DetectedPatch): string {
  const geometry = { type: p.geometryLonLat.type, coordinates: roundPositions(p.geometryLonLat.coordinates) };
  return JSON.stringify({ type: 'Feature', id: p.key, geometry, properties: { id: p.key, ...p.properties } });
}

/** Streams a FeatureCollection through `append`, one feature per line so diffs and `grep` work. */
export async function writePatchesGeoJson(patches: DetectedPatch[], append: (s: string) => Promise<void>): Promise<void> {
  await append('{"type":"FeatureCollection","features":[\n');
  for (let i = 0; i < patches.length; i++) await append(`${patchFeature(patches[i])}${i + 1 < patches.length ? ',' : ''}\n`);
  await append(']}\n');
}

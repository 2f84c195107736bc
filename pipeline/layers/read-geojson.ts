/**
 * A GeoJSON FeatureCollection (or single Feature). CRS: the GDAL-style `crs` member if present
 * ({"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4526"}} or "EPSG:4490"), else
 * RFC 7946's WGS 84 (4326).
 */
import { readFile } from 'node:fs/promises';
import type { Feature } from 'geojson';
import { InputError } from '../errors.ts';
import { sridFromName } from './srid-from-name.ts';
import type { LayerSource } from './types.ts';

export async function readGeojson(path: string, srsGiven = false): Promise<LayerSource> {
  let doc: { type?: string; features?: Feature[]; crs?: unknown; geometry?: Feature['geometry']; properties?: Feature['properties'] };
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new InputError('LAYER_INVALID', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const features: Feature[] = doc.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : doc.type === 'Feature' ? [doc as Feature] : [];
  if (doc.type !== 'FeatureCollection' && doc.type !== 'Feature') {
    throw new InputError('LAYER_INVALID', `${path} is not a GeoJSON FeatureCollection (type ${JSON.stringify(doc.type)})`);
  }
  const fields = new Set<string>();
  for (const f of features) for (const k of Object.keys(f?.properties ?? {})) fields.add(k);
  return {
    format: 'geojson',
    srid: crsSrid(doc.crs, path, srsGiven),
    fields: [...fields],
    count: features.length,
    async *features() {
      for (const f of features) yield { geometry: f?.geometry ?? null, properties: f?.properties ?? {} };
    },
  };
}

function crsSrid(crs: unknown, path: string, srsGiven: boolean): number | undefined {
  if (crs === undefined || crs === null) return 4326;
  const c = crs as { type?: string; properties?: { name?: unknown; code?: unknown } };
  const name = typeof crs === 'string' ? crs : c.type === 'EPSG' ? `EPSG:${String(c.properties?.code)}` : c.properties?.name;
  const srid = typeof name === 'string' ? sridFromName(name) : undefined;
  if (srid === undefined && !srsGiven) throw new InputError('CRS_UNKNOWN', `${path}: unknown crs ${JSON.stringify(crs)}; give --srs EPSG:xxxx`);
  return srid;
}

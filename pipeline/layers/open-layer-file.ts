/** Picks the reader by file extension: .geojson/.json, .shp, .gpkg. */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import { readGeojson } from './read-geojson.ts';
import { readGeopackage } from './read-geopackage.ts';
import { readShapefile } from './read-shapefile.ts';
import type { LayerSource } from './types.ts';

/** `srsGiven`: the caller overrides the CRS, so an unreadable CRS in the file is not an error. */
export async function openLayerFile(path: string, opts: { encoding?: string; srsGiven?: boolean } = {}): Promise<LayerSource> {
  if (!existsSync(path)) throw new InputError('FILE_NOT_FOUND', `${path} does not exist`);
  switch (extname(path).toLowerCase()) {
    case '.geojson':
    case '.json':
      return readGeojson(path, opts.srsGiven);
    case '.shp':
      return readShapefile(path, opts.encoding, opts.srsGiven);
    case '.gpkg':
      return readGeopackage(path);
    default:
      throw new InputError('LAYER_INVALID', `${path}: unsupported layer format (use .geojson, .json, .shp or .gpkg)`);
  }
}

/**
 * The EPSG code of a GeoTIFF from its GeoKeys (GeoTIFF 1.1 §7): ProjectedCSTypeGeoKey (3072) for
 * projected models, GeographicTypeGeoKey (2048) for geographic ones; a user-defined geographic
 * model on the WGS84 datum (or ellipsoid) counts as EPSG:4326, and a user-defined projected model
 * whose ProjectionGeoKey (3074) names a UTM zone (16001–16060 north, 16101–16160 south) on WGS84
 * counts as that UTM code.
 */
import { InputError } from '../errors.ts';
import { proj4Def } from './epsg-defs.ts';

const USER_DEFINED = 32767;

/** Returns a supported EPSG code; InputError NO_GEOREFERENCE / CRS_UNKNOWN naming `file`. */
export function crsFromGeoKeys(keys: Record<string, unknown> | null | undefined, file: string): number {
  if (!keys) throw new InputError('NO_GEOREFERENCE', `${file}: no GeoKeys (the file is not georeferenced)`);
  const num = (k: string): number | undefined => (typeof keys[k] === 'number' ? (keys[k] as number) : undefined);
  const model = num('GTModelTypeGeoKey');
  const projected = num('ProjectedCSTypeGeoKey');
  const geographic = num('GeographicTypeGeoKey');
  let code: number | undefined;
  if (projected !== undefined && projected !== USER_DEFINED && model !== 2) code = projected;
  else if (model === 1 || (model === undefined && projected !== undefined)) {
    const projection = num('ProjectionGeoKey');
    const wgs84 = isWgs84(keys, geographic);
    if (projection !== undefined && wgs84 && projection >= 16001 && projection <= 16060) code = 32600 + projection - 16000;
    else if (projection !== undefined && wgs84 && projection >= 16101 && projection <= 16160) code = 32700 + projection - 16100;
    else throw new InputError('CRS_UNKNOWN', `${file}: unsupported CRS (user-defined projected CRS without an EPSG code)`);
  } else if (geographic !== undefined && geographic !== USER_DEFINED) code = geographic;
  else if (model === 2 || geographic === USER_DEFINED) {
    if (isWgs84(keys, geographic)) code = 4326;
    else throw new InputError('CRS_UNKNOWN', `${file}: unsupported CRS (user-defined geographic CRS that is not WGS84)`);
  } else if (model === 3) {
    throw new InputError('CRS_UNKNOWN', `${file}: unsupported CRS (geocentric model)`);
  } else {
    throw new InputError('NO_GEOREFERENCE', `${file}: GeoKeys name no coordinate reference system`);
  }
  if (proj4Def(code) === null) throw new InputError('CRS_UNKNOWN', `${file}: unsupported CRS EPSG:${code}`);
  return code;
}

function isWgs84(keys: Record<string, unknown>, geographic: number | undefined): boolean {
  if (geographic === 4326) return true;
  if (keys.GeogGeodeticDatumGeoKey === 6326 || keys.GeogEllipsoidGeoKey === 7030) return true;
  if (keys.GeogSemiMajorAxisGeoKey === 6378137 && typeof keys.GeogInvFlatteningGeoKey === 'number' && Math.abs(keys.GeogInvFlatteningGeoKey - 298.257223563) < 1e-6) return true;
  const citation = String(keys.GeogCitationGeoKey ?? keys.GTCitationGeoKey ?? '');
  return /WGS[ _]?84/i.test(citation);
}

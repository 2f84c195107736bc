import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { crsFromGeoKeys } from './crs-from-geokeys.ts';

describe('crsFromGeoKeys', () => {
  it('reads projected and geographic codes', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 4526 }, 'a.tif')).toBe(4526);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32650 }, 'a.tif')).toBe(32650);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4490 }, 'a.tif')).toBe(4490);
  });

  it('treats a user-defined WGS84 geographic model as EPSG:4326', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 32767, GeogCitationGeoKey: 'WGS 84' }, 'a.tif')).toBe(4326);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeogGeodeticDatumGeoKey: 6326 }, 'a.tif')).toBe(4326);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 16050, GeogCitationGeoKey: 'WGS 84' }, 'a.tif')).toBe(32650);
  });

  it('names file and code for unsupported CRSs', () => {
    try {
      crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2154 }, '/data/x.tif');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('CRS_UNKNOWN');
      expect((err as Error).message).toBe('/data/x.tif: unsupported CRS EPSG:2154');
    }
  });

  it('reports missing georeferencing', () => {
    expect(() => crsFromGeoKeys(null, 'x.tif')).toThrow(expect.objectContaining({ code: 'NO_GEOREFERENCE' }));
    expect(() => crsFromGeoKeys({}, 'x.tif')).toThrow(expect.objectContaining({ code: 'NO_GEOREFERENCE' }));
  });
});

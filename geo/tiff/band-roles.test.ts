import { describe, expect, it } from 'vitest';
import { parseBandsOption, resolveBandRoles } from './band-roles.ts';

const meta = (bandCount: number, d: (string | null)[] = [], w: (number | null)[] = [], c: (string | null)[] = []) => ({
  bandCount,
  bandDescriptions: d,
  bandWavelengths: w,
  bandColorInterp: c,
});

describe('resolveBandRoles', () => {
  it('reads Sentinel-2 names', () => {
    expect(resolveBandRoles(meta(4, ['B02', 'B03', 'B04', 'B08']))).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    expect(resolveBandRoles(meta(4, ['B08', 'B04', 'B03', 'B02']))).toEqual({ blue: 3, green: 2, red: 1, nir: 0 });
  });
  it('reads wavelengths (Landsat TM, 6 bands)', () => {
    expect(resolveBandRoles(meta(6, [], [0.485, 0.569, 0.66, 0.84, 1.676, 2.223]))).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
  });
  it('reads colour words and COLORINTERP', () => {
    expect(resolveBandRoles(meta(4, ['NIR', 'Red', 'Green', 'Blue']))).toEqual({ nir: 0, red: 1, green: 2, blue: 3 });
    expect(resolveBandRoles(meta(3, [], [], ['Blue', 'Green', 'Red']))).toEqual({ blue: 0, green: 1, red: 2 });
  });
  it('falls back to the band-count convention', () => {
    expect(resolveBandRoles(meta(4))).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    expect(resolveBandRoles(meta(3))).toEqual({ red: 0, green: 1, blue: 2 });
    expect(resolveBandRoles(meta(7))).toEqual({});
  });
  it('lets the option win, 1-based', () => {
    expect(resolveBandRoles(meta(4, ['B02', 'B03', 'B04', 'B08']), 'nir=1, red=2')).toEqual({ nir: 0, red: 1 });
    expect(() => parseBandsOption('nir=5', 4)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => parseBandsOption('swir=1', 4)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});

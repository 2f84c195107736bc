/**
 * Which band is blue, green, red and near-infrared. In order of precedence: the `--bands` option
 * ("blue=1,green=2,red=3,nir=4", 1-based), band wavelengths (GDAL metadata or a "0.84 Micrometers"
 * in the description), band names (Sentinel-2 B02/B03/B04/B08/B8A, words like "red", "nir",
 * "near infrared"), GDAL COLORINTERP, then the band-count convention (4 bands = B, G, R, NIR;
 * 3 bands = R, G, B). Returned indices are 0-based.
 */
import { InputError } from '../errors.ts';
import type { BandRoles } from '../types.ts';

type Role = keyof BandRoles;
const ROLES: Role[] = ['blue', 'green', 'red', 'nir'];

/** Micrometre ranges (Landsat/Sentinel-2 band edges, slightly widened). */
function roleOfWavelength(um: number): Role | undefined {
  if (um >= 0.43 && um < 0.52) return 'blue';
  if (um >= 0.52 && um < 0.6) return 'green';
  if (um >= 0.62 && um < 0.7) return 'red';
  if (um >= 0.76 && um < 0.92) return 'nir';
  return undefined;
}

function roleOfName(name: string): Role | undefined {
  const s = name.trim().toLowerCase();
  const s2 = /^b(0?2|0?3|0?4|0?8|8a)$/.exec(s);
  if (s2 && /^b0/.test(s)) return ({ b02: 'blue', b03: 'green', b04: 'red', b08: 'nir' } as Record<string, Role>)[s];
  if (s === 'b8a') return 'nir';
  if (/\b(nir|near[ _-]?infra-?red)\b/.test(s)) return 'nir';
  if (/\bblue\b/.test(s)) return 'blue';
  if (/\bgreen\b/.test(s)) return 'green';
  if (/\bred\b/.test(s)) return 'red';
  return undefined;
}

/** Parses "blue=1,green=2,red=3,nir=4" (1-based); InputError BAD_OPTION on anything else. */
export function parseBandsOption(option: string, bandCount: number): BandRoles {
  const roles: BandRoles = {};
  for (const part of option.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(blue|green|red|nir)\s*=\s*(\d+)$/i.exec(part);
    if (!m) throw new InputError('BAD_OPTION', `--bands: cannot parse '${part}' (expected e.g. blue=1,green=2,red=3,nir=4)`);
    const n = Number(m[2]);
    if (n < 1 || n > bandCount) throw new InputError('BAD_OPTION', `--bands: band ${n} for ${m[1]} is out of range 1..${bandCount}`);
    roles[m[1].toLowerCase() as Role] = n - 1;
  }
  return roles;
}

export interface BandMetadata {
  bandCount: number;
  bandDescriptions: (string | null)[];
  bandWavelengths: (number | null)[];
  bandColorInterp: (string | null)[];
}

/** Resolves band roles for one image (see the module comment for precedence). */
export function resolveBandRoles(meta: BandMetadata, bandsOption?: string): BandRoles {
  if (bandsOption !== undefined && bandsOption.trim() !== '') return parseBandsOption(bandsOption, meta.bandCount);
  const fromEach = (pick: (i: number) => Role | undefined): BandRoles => {
    const roles: BandRoles = {};
    for (let i = 0; i < meta.bandCount; i++) {
      const r = pick(i);
      if (r !== undefined && roles[r] === undefined) roles[r] = i;
    }
    return roles;
  };
  const wavelength = fromEach((i) => {
    const w = meta.bandWavelengths[i];
    return w == null ? undefined : roleOfWavelength(w);
  });
  const byName = fromEach((i) => {
    const d = meta.bandDescriptions[i];
    return d ? roleOfName(d) : undefined;
  });
  const byColor = fromEach((i) => {
    const c = meta.bandColorInterp[i];
    return c ? roleOfName(c) : undefined;
  });
  const count = (r: BandRoles): number => ROLES.filter((k) => r[k] !== undefined).length;
  const best = [wavelength, byName, byColor].reduce((a, b) => (count(b) > count(a) ? b : a));
  if (count(best) >= 3) return best;
  if (meta.bandCount === 4) return { blue: 0, green: 1, red: 2, nir: 3 };
  if (meta.bandCount === 3) return { red: 0, green: 1, blue: 2 };
  return best;
}

/**
 * EPSG code of a shapefile's .prj (ESRI WKT). Tries, in order: a top-level AUTHORITY["EPSG",n], the
 * PROJCS/GEOGCS name (see sridFromName), then the parameters of a CGCS2000 Transverse Mercator
 * (central meridian + false easting → 3° or 6° Gauss-Krüger zone, with or without zone prefix).
 * Undefined when nothing matches.
 */
import { sridFromName } from './srid-from-name.ts';

export function prjToSrid(wkt: string): number | undefined {
  const text = wkt.trim();
  const top = /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(text);
  if (!top) return undefined;
  // The last AUTHORITY/ID of the string belongs to the outermost CRS.
  const auth = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/gi)].pop();
  if (auth) return Number(auth[1]);
  const byName = sridFromName(top[2]);
  if (byName !== undefined) return byName;
  if (/^PROJ/i.test(top[1])) return cgcsGaussKruger(text);
  return undefined;
}

function param(text: string, name: string): number | undefined {
  const m = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)`, 'i').exec(text);
  return m ? Number(m[1]) : undefined;
}

function cgcsGaussKruger(text: string): number | undefined {
  if (!/CGCS.?2000|China_Geodetic_Coordinate_System_2000|China 2000/i.test(text)) return undefined;
  if (!/Transverse_Mercator|Gauss_Kruger/i.test(text)) return undefined;
  const cm = param(text, 'Central_Meridian');
  const fe = param(text, 'False_Easting');
  const k = param(text, 'Scale_Factor') ?? 1;
  if (cm === undefined || fe === undefined || Math.abs(k - 1) > 1e-9) return undefined;
  if (Number.isInteger(cm / 3) && cm >= 75 && cm <= 135) {
    const zone3 = cm / 3;
    if (fe === 500000) return 4534 + (zone3 - 25);
    if (fe === zone3 * 1e6 + 500000) return 4513 + (zone3 - 25);
  }
  if (Number.isInteger((cm + 3) / 6) && cm >= 75 && cm <= 135) {
    const zone6 = (cm + 3) / 6;
    if (fe === 500000) return 4502 + (zone6 - 13);
    if (fe === zone6 * 1e6 + 500000) return 4491 + (zone6 - 13);
  }
  return undefined;
}

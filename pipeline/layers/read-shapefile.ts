/**
 * An ESRI Shapefile: geometry from the .shp through the `shapefile` package, attributes from the
 * .dbf decoded by readDbf (encoding from `encoding`, else the .cpg, else guessed), CRS from the .prj.
 */
import { existsSync, readFileSync } from 'node:fs';
import { openShp } from 'shapefile';
import type { Geometry } from 'geojson';
import { InputError } from '../errors.ts';
import { prjToSrid } from './prj-to-srid.ts';
import { encodingFromCpg, readDbf } from './read-dbf.ts';
import type { LayerSource } from './types.ts';

/** Finds a sidecar with either lower- or upper-case extension. */
function sidecar(base: string, ext: string): string | undefined {
  return [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`].find((p) => existsSync(p));
}

export async function readShapefile(path: string, encoding?: string, srsGiven = false): Promise<LayerSource> {
  const base = path.replace(/\.shp$/i, '');
  const dbfPath = sidecar(base, 'dbf');
  const prjPath = sidecar(base, 'prj');
  const cpgPath = sidecar(base, 'cpg');
  let enc = encoding;
  if (enc === undefined && cpgPath) {
    const cpg = readFileSync(cpgPath, 'latin1');
    enc = encodingFromCpg(cpg);
    if (enc === undefined) throw new InputError('LAYER_INVALID', `${cpgPath} names an unknown encoding ${JSON.stringify(cpg.trim())}; give --encoding`);
  }
  const table = dbfPath ? readDbf(readFileSync(dbfPath), enc) : { fields: [], encoding: enc ?? 'utf8', records: [] };
  let srid: number | undefined;
  if (prjPath) {
    const wkt = readFileSync(prjPath, 'utf8');
    srid = prjToSrid(wkt);
    if (srid === undefined && !srsGiven) throw new InputError('CRS_UNKNOWN', `${prjPath}: cannot tell the EPSG code of ${wkt.slice(0, 80)}…; give --srs EPSG:xxxx`);
  }
  let source: Awaited<ReturnType<typeof openShp>>;
  try {
    source = await openShp(path);
  } catch (err) {
    throw new InputError('FILE_UNREADABLE', `${path}: ${(err as Error).message}`, { cause: err });
  }
  return {
    format: 'shapefile',
    srid,
    fields: table.fields.map((f) => f.name),
    count: dbfPath ? table.records.length : undefined,
    encoding: table.encoding,
    async *features() {
      for (let i = 0; ; i++) {
        const r = await source.read();
        if (r.done) break;
        const props = dbfPath ? table.records[i] : {};
        if (props === undefined) throw new InputError('LAYER_INVALID', `${path} has more shapes than its .dbf has records (${table.records.length})`);
        if (props === null) continue; // deleted record
        yield { geometry: (r.value as Geometry | null) ?? null, properties: props };
      }
    },
  };
}

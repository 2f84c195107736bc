/**
 * `landwatch export`: the clues of a run, filtered, as GeoJSON, CSV, Shapefile or clue.v1 records
 * (NDJSON). The output location is checked before any query runs; a filter that matches nothing
 * writes a valid empty file.
 */
import type { Db } from '../store/db.ts';
import { InputError } from '../errors.ts';
import type { ClueFilter } from '../clues/clue-record.ts';
import { assertRunExists, loadClueRecords } from '../clues/load-clue-records.ts';
import { checkOutputPath } from '../io/check-output-path.ts';
import { toCsv } from './to-csv.ts';
import { toGeoJson } from './to-geojson.ts';
import { toShapefile } from './shapefile/to-shapefile.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';

export type ExportFormat = 'geojson' | 'csv' | 'shapefile' | 'records';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'shapefile', 'records'];

export interface ExportOptions {
  format: ExportFormat;
  /** Output file; for shapefile the .shp path (or its base name without extension). */
  out: string;
  /** Filters besides the run (see ClueFilter). */
  filter?: Omit<ClueFilter, 'runId'>;
}

export interface ExportResult {
  count: number;
  files: string[];
}

/** The files a shapefile export writes, from `out` (with or without .shp). */
export function shapefilePaths(out: string): Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', string> {
  const base = out.replace(/\.shp$/i, '');
  return { shp: `${base}.shp`, shx: `${base}.shx`, dbf: `${base}.dbf`, prj: `${base}.prj`, cpg: `${base}.cpg` };
}

/** Throws OUTPUT_UNWRITABLE / BAD_OPTION before any work when the export cannot succeed. */
export function checkExportTarget(opts: ExportOptions): void {
  if (!EXPORT_FORMATS.includes(opts.format)) {
    throw new InputError('BAD_OPTION', `--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${opts.format}`);
  }
  if (opts.format === 'shapefile') for (const p of Object.values(shapefilePaths(opts.out))) checkOutputPath(p);
  else checkOutputPath(opts.out);
}

export async function exportRun(db: Db, runId: string, opts: ExportOptions): Promise<ExportResult> {
  checkExportTarget(opts);
  await assertRunExists(db, runId);
  const records = await loadClueRecords(db, { ...opts.filter, runId });
  switch (opts.format) {
    case 'geojson':
      writeFileAtomicSync(opts.out, `${JSON.stringify(toGeoJson(records))}\n`);
      return { count: records.length, files: [opts.out] };
    case 'csv':
      writeFileAtomicSync(opts.out, toCsv(records));
      return { count: records.length, files: [opts.out] };
    case 'records':
      writeFileAtomicSync(opts.out, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return { count: records.length, files: [opts.out] };
    case 'shapefile': {
      const parts = toShapefile(records);
      const paths = shapefilePaths(opts.out);
      for (const k of ['shx', 'dbf', 'prj', 'cpg', 'shp'] as const) writeFileAtomicSync(paths[k], parts[k]);
      return { count: records.length, files: Object.values(paths) };
    }
  }
}

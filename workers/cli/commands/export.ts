/**
 * `landwatch export RUN --format geojson|csv|shapefile|records --out PATH [filters]`. The output path
 * is checked before the store is opened; a filter that matches nothing writes an empty valid file.
 */
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { checkExportTarget, exportRun, EXPORT_FORMATS, type ExportFormat } from '../../../pipeline/exports/export-run.ts';
import { parseFilterOptions, type FilterFlags } from '../../../pipeline/exports/parse-filter-options.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface ExportCliOptions extends StoreCliOptions, FilterFlags {
  format: string;
  out: string;
}

export function registerExport(program: Command): void {
  addStoreOptions(
    program
      .command('export')
      .argument('<run>', 'run id')
      .description('export the clues of a run for analysts')
      .requiredOption('--format <fmt>', `${EXPORT_FORMATS.join(' | ')} (records = NDJSON clue.v1)`)
      .requiredOption('--out <path>', 'output file (shapefile: the .shp; .shx .dbf .prj .cpg go beside it)')
      .option('--severity <list>', 'only these severities, comma-separated: none, medium, high, severe')
      .option('--region <xzqdm>', 'only clues whose XZQDM starts with this (2–6 digits)')
      .option('--min-area <area>', 'only clues with TBMJ at least this many m² (or e.g. 0.3mu)')
      .option('--bbox <minLon,minLat,maxLon,maxLat>', 'only clues intersecting this box (degrees)'),
  ).action(async (runId: string, opts: ExportCliOptions) => {
    if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
      throw new InputError('BAD_OPTION', `--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${opts.format}`);
    }
    const exportOpts = { format: opts.format as ExportFormat, out: opts.out, filter: parseFilterOptions(opts) };
    checkExportTarget(exportOpts);
    const store = await openStoreFromOptions(opts);
    try {
      const res = await exportRun(store, runId, exportOpts);
      process.stdout.write(`exported ${res.count} clue(s) to ${res.files.join(', ')}\n`);
    } finally {
      await store.close();
    }
  });
}

/**
 * `landwatch export RUN --format geojson|csv|shapefile|records --out PATH [filters]`. The output path
 * is checked before the store is opened; a filter that matches nothing writes an empty valid file.
 * `--format evidence --out DIR` renders evidence chips and pages into DIR/evidence/<JCBH>/ from the
 * run's images (or --before/--after).
 */
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { checkExportTarget, exportRun, EXPORT_FORMATS, type ExportFormat } from '../../../pipeline/exports/export-run.ts';
import { parseFilterOptions, type FilterFlags } from '../../../pipeline/exports/parse-filter-options.ts';
import { checkOutputDir } from '../../../pipeline/io/check-output-path.ts';
import { renderEvidence } from '../../../pipeline/evidence/render-evidence.ts';
import { runImagePaths } from '../../../pipeline/evidence/run-image-paths.ts';
import { assertRunExists } from '../../../pipeline/clues/load-clue-records.ts';
import type { Store } from '../../../pipeline/store/db.ts';
import { progressBar } from '../progress.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface ExportCliOptions extends StoreCliOptions, FilterFlags {
  format: string;
  out: string;
  before?: string;
  after?: string;
  bands?: string;
}

async function exportEvidence(store: Store, runId: string, opts: ExportCliOptions): Promise<void> {
  await assertRunExists(store, runId);
  const fromRun = opts.before && opts.after ? null : await runImagePaths(store, runId);
  const before = opts.before ?? fromRun?.before;
  const after = opts.after ?? fromRun?.after;
  if (!before || !after) throw new InputError('BAD_OPTION', `run ${runId} has no catalogued images: give --before and --after`);
  const bar = progressBar('evidence');
  const res = await renderEvidence(store, runId, { outDir: opts.out, beforePath: before, afterPath: after, bands: opts.bands, progress: (p) => bar.update(p) });
  bar.done();
  process.stdout.write(`evidence for ${res.clues} clue(s), ${res.files} file(s) in ${opts.out}/evidence${res.outside.length ? `; ${res.outside.length} outside both images` : ''}\n`);
}

export function registerExport(program: Command): void {
  addStoreOptions(
    program
      .command('export')
      .argument('<run>', 'run id')
      .description('export the clues of a run for analysts')
      .requiredOption('--format <fmt>', `${EXPORT_FORMATS.join(' | ')} | evidence (records = NDJSON clue.v1; evidence = chips + HTML pages)`)
      .requiredOption('--out <path>', 'output file (shapefile: the .shp; .shx .dbf .prj .cpg go beside it; evidence: an existing directory)')
      .option('--severity <list>', 'only these severities, comma-separated: none, medium, high, severe')
      .option('--region <xzqdm>', 'only clues whose XZQDM starts with this (2–6 digits)')
      .option('--min-area <area>', 'only clues with TBMJ at least this many m² (or e.g. 0.3mu)')
      .option('--bbox <minLon,minLat,maxLon,maxLat>', 'only clues intersecting this box (degrees)')
      .option('--before <tif>', 'evidence: earlier image (default: the run\'s catalogued before image)')
      .option('--after <tif>', 'evidence: later image (default: the run\'s catalogued after image)')
      .option('--bands <roles>', 'evidence: band roles, e.g. blue=1,green=2,red=3,nir=4 (default: from the files)'),
  ).action(async (runId: string, opts: ExportCliOptions) => {
    if (opts.format === 'evidence') {
      checkOutputDir(opts.out, 'evidence');
      const store = await openStoreFromOptions(opts);
      try {
        await exportEvidence(store, runId, opts);
      } finally {
        await store.close();
      }
      return;
    }
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

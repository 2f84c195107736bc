/**
 * `landwatch layers import --kind K FILE …` and `landwatch layers list`: baseline layers (land use,
 * farmland, approvals, red line, plan), versioned; the current version of each kind is what runs use.
 */
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { parseFieldOptions } from '../../../pipeline/layers/field-map.ts';
import { importLayer, prepareLayerImport } from '../../../pipeline/layers/import-layer.ts';
import type { Progress } from '../../../pipeline/types.ts';
import { listLayers } from '../../../pipeline/layers/list-layers.ts';
import { LAYER_KINDS, type ImportReport, type LayerKind } from '../../../pipeline/layers/types.ts';
import { encodingFromCpg } from '../../../pipeline/layers/read-dbf.ts';
import { progressBar } from '../progress.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface ImportOptions extends StoreCliOptions {
  kind: string;
  name?: string;
  srs?: string;
  field: string[];
  encoding?: string;
  quiet?: boolean;
}

export function registerLayers(program: Command): void {
  const layers = program.command('layers').description('import and list baseline layers (versioned)');

  const imp = layers
    .command('import')
    .argument('<file>', '.geojson/.json, .shp (with .dbf/.prj/.cpg) or .gpkg')
    .description('import a polygon layer as the next current version of its kind')
    .requiredOption('--kind <kind>', `layer kind: ${LAYER_KINDS.join('|')}`)
    .option('--name <name>', 'layer name (default: the file name)')
    .option('--srs <EPSG:xxxx>', 'source CRS; overrides the file (required for a shapefile without .prj)')
    .option(
      '--field <column=NAME>',
      'map a source field to dlbm|dlmc|approval_no|approval_doc|approval_date (repeatable; defaults: landuse DLBM, DLMC; approved PZWH, PZWJ, PZRQ)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--encoding <enc>', 'shapefile attribute encoding, e.g. gbk, utf8 (default: .cpg, else guessed)')
    .option('--quiet', 'no progress output');
  addStoreOptions(imp).action(async (file: string, o: ImportOptions) => {
    if (!LAYER_KINDS.includes(o.kind as LayerKind)) throw new InputError('BAD_OPTION', `--kind ${o.kind}: expected one of ${LAYER_KINDS.join(', ')}`);
    const encoding = o.encoding === undefined ? undefined : encodingFromCpg(o.encoding);
    if (o.encoding !== undefined && encoding === undefined) throw new InputError('BAD_OPTION', `--encoding ${o.encoding}: unknown encoding`);
    const bar = progressBar(`import ${o.kind}`, { quiet: o.quiet });
    const opts = { kind: o.kind as LayerKind, file, name: o.name, srs: o.srs, fields: parseFieldOptions(o.field), encoding, onProgress: (p: Progress) => bar.update(p) };
    const prepared = await prepareLayerImport(opts); // bad files fail before the store starts
    const store = await openStoreFromOptions(o);
    try {
      const report = await importLayer(store, opts, prepared);
      bar.done();
      process.stdout.write(formatReport(report));
    } finally {
      await store.close();
    }
  });

  const list = layers.command('list').description('show every layer version and which one is current').option('--json', 'print JSON instead of a table');
  addStoreOptions(list).action(async (o: StoreCliOptions & { json?: boolean }) => {
    const store = await openStoreFromOptions(o);
    try {
      const rows = await listLayers(store);
      if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      process.stdout.write(
        table(
          ['kind', 'version', 'name', 'features', 'current', 'imported_at', 'source'],
          rows.map((r) => [r.kind, String(r.version), r.name, String(r.features), r.current ? 'yes' : '', r.importedAt.toISOString().slice(0, 19).replace('T', ' '), r.source]),
        ),
      );
      if (rows.length === 0) process.stdout.write('(no layers yet: landwatch layers import --kind landuse FILE)\n');
    } finally {
      await store.close();
    }
  });
}

export function formatReport(r: ImportReport): string {
  return table(
    ['kind', 'version', 'read', 'imported', 'repaired', 'skipped (empty)', 'pieces', 'EPSG', 'seconds'],
    [[r.kind, String(r.version), String(r.read), String(r.imported), String(r.repaired), String(r.skipped), String(r.pieces), String(r.srid), r.seconds.toFixed(1)]],
  );
}

function table(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

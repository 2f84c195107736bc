/**
 * `landwatch run`: the whole pipeline on tiles of two dates, from catalogue to export. In-process
 * on the embedded store by default; on BullMQ workers when REDIS_URL (and DATABASE_URL) are set.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DETECT_DEFAULTS } from '../../../pipeline/detect/detect-options.ts';
import { InputError } from '../../../pipeline/errors.ts';
import { importLayer } from '../../../pipeline/layers/import-layer.ts';
import { createRun } from '../../../pipeline/runs/create-run.ts';
import { isSidecarMask } from '../../../pipeline/stages/describe-tile.ts';
import type { RunParams } from '../../../pipeline/runs/run-params.ts';
import { describeResult, executeRun, openRunStore } from '../../executor-run.ts';
import { addStoreOptions, resolveStoreOptions, type StoreCliOptions } from '../store-options.ts';

interface RunCliOptions extends StoreCliOptions {
  before: string[];
  after: string[];
  landuse?: string;
  farmland?: string;
  approved?: string;
  region?: string;
  regionName?: string;
  qsx?: string;
  hsx?: string;
  minArea: number;
  window: number;
  bands?: string;
  out: string;
  wait: boolean;
  threads?: number;
  quiet?: boolean;
  evidence: boolean;
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run the pipeline: catalogue, pair, cut, detect, merge, overlay + rules, clues, export to --out')
    .requiredOption('--before <tif...>', 'earlier-date tiles (前时相); a tile\'s cloud mask is its sidecar <name>.mask.tif, picked up automatically')
    .requiredOption('--after <tif...>', 'later-date tiles (后时相), masks likewise')
    .option('--landuse <file>', 'land-use baseline to import first (else the current imported version)')
    .option('--farmland <file>', 'permanent basic farmland layer to import first')
    .option('--approved <file>', 'approved-land layer to import first')
    .option('--region <xzqdm>', '6-digit county code for clue numbers (JCBH)')
    .option('--region-name <xzqmc>', 'county name')
    .option('--qsx <date>', 'earlier acquisition date, YYYY-MM-DD (default: from the file names)')
    .option('--hsx <date>', 'later acquisition date, YYYY-MM-DD (default: from the file names)')
    .addOption(new Option('--min-area <m2>', 'minimum patch area in m²').default(DETECT_DEFAULTS.minAreaM2).argParser(nonNegative('--min-area')))
    .addOption(new Option('--window <px>', 'work unit size in pixels').default(DETECT_DEFAULTS.windowSize).argParser(nonNegative('--window')))
    .option('--bands <roles>', 'band roles, 1-based, e.g. blue=1,green=2,red=3,nir=4')
    .requiredOption('--out <dir>', 'output folder (patches.geojson, clues.geojson, evidence/, summary.md, run.json)')
    .option('--no-wait', 'with a queue: submit, print the run id and return')
    .option('--no-evidence', 'skip the evidence chips and pages (DIR/evidence/<JCBH>/)')
    .addOption(new Option('--threads <n>', 'in-process detection threads (default: all cores)').argParser(nonNegative('--threads')))
    .option('-q, --quiet', 'no progress bar');
  addStoreOptions(cmd).action(async (o: RunCliOptions) => {
    // Sidecar masks are found from their tiles, so a glob over a folder may list them too.
    const tiles = (paths: string[]) => paths.filter((p) => !isSidecarMask(p)).map((p) => resolve(p));
    const before = tiles(o.before);
    const after = tiles(o.after);
    for (const [flag, list] of [['--before', before], ['--after', after]] as const)
      if (list.length === 0) throw new InputError('BAD_OPTION', `${flag}: only cloud masks (*.mask.tif) given, no tiles`);
    for (const p of [...before, ...after, o.landuse, o.farmland, o.approved]) {
      if (p && !/^https?:/i.test(p) && !existsSync(p)) throw new InputError('FILE_NOT_FOUND', `${p}: no such file`);
    }
    if (o.region !== undefined && !/^\d{6}$/.test(o.region)) throw new InputError('BAD_OPTION', `--region ${o.region}: expected a 6-digit XZQDM`);
    for (const [flag, v] of [['--qsx', o.qsx], ['--hsx', o.hsx]] as const) {
      if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) throw new InputError('BAD_OPTION', `${flag} ${v}: expected YYYY-MM-DD`);
    }
    if (process.env.REDIS_URL && !resolveStoreOptions(o).databaseUrl) {
      throw new InputError('BAD_OPTION', 'REDIS_URL is set but DATABASE_URL is not: queue workers need a shared PostgreSQL; set DATABASE_URL or unset REDIS_URL');
    }
    const store = await openRunStore(o);
    try {
      const layers: RunParams['layers'] = {};
      for (const kind of ['landuse', 'farmland', 'approved'] as const) {
        const file = o[kind];
        if (!file) continue;
        await importLayer(store, { kind, file: resolve(file) });
        layers[kind] = resolve(file);
      }
      const params: RunParams = {
        before,
        after,
        region: o.region,
        regionName: o.regionName,
        qsx: o.qsx,
        hsx: o.hsx,
        detect: { minAreaM2: o.minArea, windowSize: o.window, bands: o.bands },
        layers,
        outDir: resolve(o.out),
        evidence: o.evidence,
      };
      const runId = await createRun(store, params);
      if (!o.quiet) process.stderr.write(`run ${runId}\n`);
      const result = await executeRun(store, runId, { noWait: !o.wait, quiet: o.quiet, threads: o.threads, evidence: o.evidence });
      if (!o.wait) process.stdout.write(`${runId}\n`);
      for (const line of describeResult(result)) process.stderr.write(`${line}\n`);
      if (result.status.run.status === 'failed') process.exitCode = 1;
    } finally {
      await store.close();
    }
  });
}

function nonNegative(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InputError('BAD_OPTION', `${flag}: expected a non-negative number, got '${value}'`);
    return n;
  };
}

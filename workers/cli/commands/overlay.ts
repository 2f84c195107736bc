/**
 * `landwatch overlay --patches FILE --out FILE.geojson [--rules rules.json] [--region XZQDM]
 * [--year YYYY] [--srs EPSG:nnnn] [--data-dir DIR]`: overlays any polygon file (e.g. `landwatch detect`
 * output, or hand-drawn patches in any supported format and CRS) with the current baseline layers,
 * applies the rules and writes the same features as RFC 7946 GeoJSON with the results added. The
 * output is written atomically (temp file + rename).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { checkOutputPath } from '../../../pipeline/io/check-output-path.ts';
import { assertXzqdm } from '../../../pipeline/clues/jcbh.ts';
import { overlayFile } from '../../../pipeline/overlay/overlay-file.ts';
import { loadRulesFile } from '../../../pipeline/rules/load-rules.ts';
import { progressBar } from '../progress.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface OverlayCliOptions extends StoreCliOptions {
  patches: string;
  out: string;
  rules?: string;
  region?: string;
  regionName?: string;
  year?: string;
  srs?: string;
  qsx?: string;
  hsx?: string;
  quiet?: boolean;
}

export function registerOverlay(program: Command): void {
  const cmd = program
    .command('overlay')
    .description('overlay a polygon file with the current layers, apply the rules, write GeoJSON')
    .requiredOption('--patches <file>', 'polygons: .geojson/.json (RFC 7946 or with a crs member), .shp or .gpkg')
    .requiredOption('--out <file.geojson>', 'output RFC 7946 GeoJSON (written atomically)')
    .option('--rules <rules.json>', 'rules file replacing the default rule set')
    .option('--region <xzqdm>', '6-digit county code for the JCBH (default 000000)')
    .option('--region-name <name>', 'county name (XZQMC) for the clues')
    .option('--year <yyyy>', 'year in the JCBH (default: year of --hsx, else this year)')
    .option('--srs <EPSG:nnnn>', "CRS of the patches file, overriding the file's own")
    .option('--qsx <date>', 'date of the earlier image (YYYY-MM-DD)')
    .option('--hsx <date>', 'date of the later image (YYYY-MM-DD)')
    .option('--quiet', 'no progress output');
  addStoreOptions(cmd).action(async (o: OverlayCliOptions) => {
    checkOutputPath(o.out);
    if (o.region !== undefined) assertXzqdm(o.region);
    let year: number | undefined;
    if (o.year !== undefined) {
      if (!/^\d{4}$/.test(o.year)) throw new InputError('BAD_OPTION', `--year ${o.year}: expected a 4-digit year`);
      year = Number(o.year);
    }
    const rules = o.rules === undefined ? undefined : await loadRulesFile(o.rules);
    const store = await openStoreFromOptions(o);
    try {
      const bar = progressBar('overlay', { quiet: o.quiet });
      const res = await overlayFile(store, {
        patches: o.patches,
        rules,
        region: o.region,
        xzqmc: o.regionName,
        year,
        srs: o.srs,
        qsx: o.qsx,
        hsx: o.hsx,
        onProgress: (label, done, total) => bar.update({ done, total, label: `${label} ${done}/${total}` }),
      });
      bar.done();
      const kinds = new Set(res.layers.map((l) => l.kind));
      for (const k of ['landuse', 'farmland', 'approved']) {
        if (!kinds.has(k)) process.stderr.write(`landwatch: warning: no ${k} layer imported (landwatch layers import --kind ${k}); its areas are 0\n`);
      }
      writeAtomic(o.out, `${JSON.stringify(res.collection)}\n`);
      process.stdout.write(`overlay: ${res.features} feature(s), ${res.patches} overlaid, ${res.suspected} suspected, ${res.clues} clue(s); run ${res.runId} → ${o.out}\n`);
    } finally {
      await store.close();
    }
  });
}

/** Temp file beside the target, then rename; the temp file is removed if anything fails. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

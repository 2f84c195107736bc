import { type Command, Option } from 'commander';
import { DETECT_DEFAULTS } from '../../../pipeline/detect/detect-options.ts';
import { detectScene } from '../../../pipeline/detect/detect-scene.ts';
import { writePatchesGeoJson } from '../../../pipeline/detect/patches-geojson.ts';
import { InputError } from '../../../pipeline/errors.ts';
import { checkOutputPath } from '../../../pipeline/io/check-output-path.ts';
import { writeFileAtomic } from '../../../pipeline/io/write-file-atomic.ts';
import { runUnitsInThreads } from '../../threads/unit-pool.ts';
import { progressBar } from '../progress.ts';

interface DetectCliOptions {
  before: string;
  after: string;
  out: string;
  beforeMask?: string;
  afterMask?: string;
  minArea: number;
  bands?: string;
  window: number;
  threads?: number;
  quiet?: boolean;
}

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('detect land change between two GeoTIFF dates; write the patches as RFC 7946 GeoJSON')
    .requiredOption('--before <tif>', 'earlier image (前时相): GeoTIFF/COG path or http(s) URL')
    .requiredOption('--after <tif>', 'later image (后时相): GeoTIFF/COG path or http(s) URL')
    .requiredOption('--out <geojson>', 'output FeatureCollection (lon/lat)')
    .option('--before-mask <tif>', 'cloud mask of the earlier image: single-band GeoTIFF, any grid; nonzero = cloud/shadow/unusable')
    .option('--after-mask <tif>', 'cloud mask of the later image (as --before-mask)')
    .addOption(new Option('--min-area <m2>', 'minimum patch area in m²').default(DETECT_DEFAULTS.minAreaM2).argParser(positiveNumber('--min-area')))
    .option('--bands <roles>', 'band roles, 1-based, e.g. blue=1,green=2,red=3,nir=4')
    .addOption(new Option('--window <px>', 'work window size in pixels').default(DETECT_DEFAULTS.windowSize).argParser(positiveNumber('--window')))
    .addOption(new Option('--threads <n>', 'worker threads (default: all cores)').argParser(positiveNumber('--threads')))
    .option('-q, --quiet', 'no progress output')
    .action(async (o: DetectCliOptions) => {
      checkOutputPath(o.out);
      const bar = progressBar('detect', { quiet: o.quiet });
      const started = Date.now();
      const masks = { before: o.beforeMask, after: o.afterMask };
      const result = await detectScene(
        { before: o.before, after: o.after, masks },
        { minAreaM2: o.minArea, bands: o.bands, windowSize: o.window },
        {
          progress: (p) => bar.update(p),
          runUnits: (units, ctx, onResult, signal) =>
            runUnitsInThreads(units, { beforePath: ctx.beforePath, afterPath: ctx.afterPath, masks: ctx.masks, bands: ctx.bands, model: ctx.model, threads: o.threads }, onResult, signal),
        },
      );
      await writeFileAtomic(o.out, (append) => writePatchesGeoJson(result.patches, append));
      const secs = (Date.now() - started) / 1000;
      const pixels = result.grid.width * result.grid.height;
      const mpix = pixels / 1e6;
      const masked = o.beforeMask || o.afterMask ? `; ${result.maskedPixels} px masked (${((100 * result.maskedPixels) / pixels).toFixed(1)} %)` : '';
      const shift = result.model.shift ? `; later date co-registered by ${result.model.shift.join(', ')} px` : '';
      bar.done(`${result.patches.length} patches → ${o.out} (${mpix.toFixed(1)} Mpix in ${secs.toFixed(1)} s, ${(mpix / secs).toFixed(1)} Mpix/s${masked}${shift})`);
    });
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InputError('BAD_OPTION', `${flag}: expected a non-negative number, got '${value}'`);
    return n;
  };
}

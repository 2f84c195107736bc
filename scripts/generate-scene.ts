/**
 * Generates a deterministic two-date test scene (see fixtures/scene/generate-scene.ts):
 *   npx tsx scripts/generate-scene.ts --size 4096 --seed 7 --pixel 1 --out DIR [--compression deflate|lzw|none|packbits]
 * Extra: --height N, --deflate-level 1..9 (default 1), --noise DN (default 4), --texture 0..1 (default 1), --change-rate X (default 1),
 * --planar 1|2, --serial (one thread). Prints scene.json's counts and the time taken.
 */
import { parseArgs } from 'node:util';
import { generateScene } from '../fixtures/scene/generate-scene.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    height: { type: 'string' },
    seed: { type: 'string', default: '7' },
    pixel: { type: 'string', default: '1' },
    out: { type: 'string' },
    compression: { type: 'string', default: 'deflate' },
    'deflate-level': { type: 'string' },
    noise: { type: 'string' },
    texture: { type: 'string' },
    'change-rate': { type: 'string' },
    planar: { type: 'string', default: '1' },
    serial: { type: 'boolean', default: false },
  },
});

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    console.error(`--${name}: not a number: ${v}`);
    process.exit(2);
  }
  return n;
}

const size = num('size', values.size);
const compression = values.compression as 'deflate' | 'lzw' | 'none' | 'packbits';
if (size === undefined || !values.out || !['deflate', 'lzw', 'none', 'packbits'].includes(compression)) {
  console.error('usage: generate-scene.ts --size N --out DIR [--seed 7] [--pixel 1] [--compression deflate|lzw|none|packbits]');
  process.exit(2);
}
const t0 = performance.now();
const man = await generateScene({
  width: size,
  height: num('height', values.height),
  seed: num('seed', values.seed) ?? 7,
  pixel: num('pixel', values.pixel),
  out: values.out,
  compression,
  deflateLevel: num('deflate-level', values['deflate-level']),
  noiseDn: num('noise', values.noise),
  texture: num('texture', values.texture),
  changeRate: num('change-rate', values['change-rate']),
  planar: num('planar', values.planar) === 2 ? 2 : 1,
  parallel: !values.serial,
});
const s = (performance.now() - t0) / 1000;
const mpix = (man.width * man.height) / 1e6;
console.log(JSON.stringify({ out: values.out, width: man.width, height: man.height, pixel_m: man.pixel_m, seconds: Math.round(s * 100) / 100, mpix_per_s_pair: Math.round((mpix / s) * 100) / 100, counts: man.counts }));

/**
 * What cloud masks cost. On a generated scene folder (before.tif, after.tif, scene.json; made by
 * scripts/generate-scene.ts when missing) writes three masks of the same clouds (≈ 40 % of the
 * scene): on the scene's grid, 6× coarser, and in EPSG:4326 (mask-same/coarse/4326.tif). Then, on
 * one thread, best of 5, prints CPU ms for (1) reading every unit's outer window (1024² + 40 px
 * halo) of the pair without and with each mask, and (2) detectWindow over the same windows with
 * and without the masked pixels. End to end: scripts/bench-detect.ts --dir DIR --after-mask DIR/mask-same.tif.
 *   npx tsx scripts/bench-mask.ts [--dir /tmp/landwatch-bench-2048-s11] [--size 2048]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTiff } from '../fixtures/tiff-writer.ts';
import { crsTransform } from '../geo/crs/transform.ts';
import { detectWindow } from '../geo/detect/detect-window.ts';
import { pixelToMap } from '../geo/raster/grid-transform.ts';
import { haloWindows } from '../geo/raster/halo-windows.ts';
import type { PairMasks } from '../geo/raster/open-mask.ts';
import { openPair } from '../geo/raster/open-pair.ts';
import { pixelSizeM } from '../geo/raster/pixel-size-m.ts';
import type { Grid } from '../geo/types.ts';
import { resolveDetectOptions } from '../pipeline/detect/detect-options.ts';
import { fitPairModel } from '../pipeline/detect/fit-pair-model.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '2048' }, dir: { type: 'string' } } });
const dir = values.dir ?? `/tmp/landwatch-bench-${values.size}-s11`;
if (!existsSync(join(dir, 'after.tif')))
  execFileSync('npx', ['tsx', 'scripts/generate-scene.ts', '--size', values.size!, '--seed', '11', '--pixel', '1', '--out', dir, '--compression', 'deflate'], { stdio: 'inherit' });
const g = (JSON.parse(readFileSync(join(dir, 'scene.json'), 'utf8')) as { grid: Grid }).grid;

// The same clouds for every mask: 40 discs in the scene's map units (deterministic).
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const W = g.width * g.resX, H = g.height * g.resY;
const discs = Array.from({ length: 40 }, () => ({ x: g.originX + rnd() * W, y: g.originY - rnd() * H, r: (0.03 + rnd() * 0.07) * W }));
const cloudAt = (x: number, y: number) => discs.some((d) => (x - d.x) ** 2 + (y - d.y) ** 2 < d.r * d.r);

async function writeMask(name: string, grid: Grid): Promise<string> {
  const path = join(dir, name);
  const toScene = crsTransform(grid.crs, g.crs);
  await writeTiff({ path, width: grid.width, height: grid.height, bands: 1, sampleType: 'uint8', grid }, (y, h) => {
    const a = new Uint8Array(h * grid.width);
    for (let r = 0; r < h; r++) for (let c = 0; c < grid.width; c++) a[r * grid.width + c] = cloudAt(...toScene(...pixelToMap(grid, c + 0.5, y + r + 0.5))) ? 1 : 0;
    return [a];
  });
  return path;
}

const [lon0, lat1] = crsTransform(g.crs, 4326)(g.originX, g.originY - H);
const [lon1, lat0] = crsTransform(g.crs, 4326)(g.originX + W, g.originY);
const deg = 2e-5 * g.resX;
const masks: Record<string, PairMasks> = {
  none: {},
  'same grid': { after: await writeMask('mask-same.tif', g) },
  '6× coarser': { after: await writeMask('mask-coarse.tif', { ...g, resX: 6 * g.resX, resY: 6 * g.resY, width: Math.ceil(g.width / 6), height: Math.ceil(g.height / 6) }) },
  'EPSG:4326': {
    after: await writeMask('mask-4326.tif', {
      crs: 4326, originX: lon0 - 0.001, originY: Math.max(lat0, lat1) + 0.001, resX: deg, resY: deg,
      width: Math.ceil((lon1 - lon0 + 0.002) / deg), height: Math.ceil((Math.abs(lat0 - lat1) + 0.002) / deg),
    }),
  },
};

const cpuMs = (f: () => unknown) => async () => {
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const bestOf5 = async (f: () => Promise<number>) => {
  let best = Infinity;
  for (let k = 0; k < 5; k++) best = Math.min(best, await f());
  return Math.round(best);
};

console.log(`scene ${g.width}×${g.height}, load ${loadavg()[0].toFixed(1)}`);
const plain = await openPair(join(dir, 'before.tif'), join(dir, 'after.tif'));
const model = await fitPairModel(plain, resolveDetectOptions({}));
await plain.close();
const wins = haloWindows(g.width, g.height, 1024, 40);
for (const [name, m] of Object.entries(masks)) {
  const pair = await openPair(join(dir, 'before.tif'), join(dir, 'after.tif'), { masks: m, cacheBytes: 8 * 2 ** 20 });
  const read = await bestOf5(cpuMs(async () => { for (const w of wins) await pair.readWindow(w.outer); }));
  const stacks = await Promise.all(wins.map((w) => pair.readWindow(w.outer)));
  const masked = stacks.reduce((n, s) => n + (s.masked?.reduce((a, v) => a + v, 0) ?? 0), 0);
  const pixels = stacks.reduce((n, s) => n + s.before.valid.length, 0);
  const det = await bestOf5(cpuMs(() => { for (const s of stacks) detectWindow(s.before, s.after, pair.roles, model, { pixelSizeM: pixelSizeM(pair.grid) }); }));
  await pair.close();
  console.log(`${name.padEnd(11)} masked ${((100 * masked) / pixels).toFixed(1).padStart(5)} %   read ${read} ms CPU   detectWindow ${det} ms CPU`);
}
console.log(`load ${loadavg()[0].toFixed(1)}`);

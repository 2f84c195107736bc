/**
 * How separable each truth type of a generated scene is by change magnitude alone: the median plain
 * CVA magnitude (Euclidean norm of raw band differences) of the type's truth pixels, and the share of
 * non-truth pixels at or above it, i.e. the background any pure magnitude threshold must accept to
 * catch half of that type's pixels. Tells whether a type is hard for the scene or for the detector.
 *   npx tsx scripts/eval/type-separability.ts DIR [DIR…]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { burnLonLat } from './burn-lonlat.ts';
import { tiffStack } from './load-pairs.ts';

for (const dir of process.argv.slice(2)) {
  const grid = (JSON.parse(readFileSync(join(dir, 'scene.json'), 'utf8')) as { grid: Parameters<typeof burnLonLat>[1] }).grid;
  const truth = JSON.parse(readFileSync(join(dir, 'truth.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { type: string }>;
  const burn = burnLonLat(truth, grid);
  const [before, after] = await Promise.all([tiffStack(join(dir, 'before.tif')), tiffStack(join(dir, 'after.tif'))]);
  const background: number[] = [];
  const byType = new Map<string, number[]>();
  for (let i = 0; i < burn.length; i++) {
    if (!(before.valid[i] & after.valid[i])) continue;
    let s = 0;
    for (let b = 0; b < before.bands.length; b++) s += (after.bands[b][i] - before.bands[b][i]) ** 2;
    const mag = Math.sqrt(s);
    if (!burn[i]) background.push(mag);
    else {
      const type = truth.features[burn[i] - 1].properties.type;
      (byType.get(type) ?? byType.set(type, []).get(type)!).push(mag);
    }
  }
  const bg = Float32Array.from(background).sort();
  const shareAtLeast = (v: number): number => {
    let lo = 0, hi = bg.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (bg[m] < v) lo = m + 1; else hi = m; }
    return 1 - lo / bg.length;
  };
  const parts = [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, mags]) => {
    const median = Float32Array.from(mags).sort()[mags.length >> 1];
    return `${type} ${median.toFixed(0)} (${(100 * shareAtLeast(median)).toFixed(1)} %)`;
  });
  console.log(`${dir}: median CVA magnitude (background at or above it): ${parts.join('; ')}`);
}

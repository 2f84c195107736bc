/**
 * Vectoriser micro-benchmark: labelling + tracing (windowPieces) on a 4096² mask with ~5k blobs,
 * one window vs. 1024-px windows, and merging the border pieces. Run: npx tsx scripts/bench-vector.ts
 */
import { haloWindows } from '../geo/raster/halo-windows.ts';
import type { ChangeRaster } from '../geo/types.ts';
import { finalisePatch } from '../geo/vector/finalise-patch.ts';
import { mergePieces } from '../geo/vector/merge-pieces.ts';
import proj4 from 'proj4';
import { cutRaster, seeded, wholeWindow } from '../geo/vector/test-support.ts';
import { windowPieces } from '../geo/vector/window-pieces.ts';

const N = Number(process.env.BENCH_SIZE ?? 4096);
const BLOBS = Number(process.env.BENCH_BLOBS ?? 5000);
const rnd = seeded(42);
const mask = new Uint8Array(N * N);
for (let b = 0; b < BLOBS; b++) {
  // Ellipses with ragged edges, some with a hole.
  const cx = rnd() * N;
  const cy = rnd() * N;
  const rx = 2 + rnd() * 20;
  const ry = 2 + rnd() * 20;
  const hole = rnd() < 0.3 ? 0.4 : 0;
  for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(N, cy + ry); y++) {
    for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(N, cx + rx); x++) {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (d < 1 - 0.15 * rnd() && d >= hole * hole) mask[y * N + x] = 1;
    }
  }
}
const raster: ChangeRaster = {
  width: N,
  height: N,
  mask,
  changeClass: new Uint8Array(N * N).map((_, i) => i % 5),
  features: [new Float32Array(N * N).map((_, i) => (i % 97) / 7), new Float32Array(N * N).fill(0.25)],
};
let fg = 0;
for (let i = 0; i < mask.length; i++) fg += mask[i];

/** Best of 5 runs, wall and CPU time (CPU time is the fairer figure on a busy machine). */
function time<T>(label: string, f: () => T, mpix?: number): T {
  let out!: T;
  let best = Infinity;
  let bestCpu = Infinity;
  for (let k = 0; k < 5; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    out = f();
    best = Math.min(best, performance.now() - t);
    const d = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (d.user + d.system) / 1000);
  }
  const rate = mpix === undefined ? '' : `  ${(mpix / (best / 1000)).toFixed(0)} Mpix/s wall, ${(mpix / (bestCpu / 1000)).toFixed(0)} Mpix/s cpu`;
  console.log(`${label.padEnd(44)} ${best.toFixed(1).padStart(8)} ms wall ${bestCpu.toFixed(1).padStart(8)} ms cpu${rate}`);
  return out;
}

console.log(`mask ${N}×${N}, ${BLOBS} blobs drawn, ${(fg / mask.length * 100).toFixed(1)} % changed, 2 feature channels`);
const whole = time('windowPieces, one window', () => windowPieces(raster, wholeWindow(raster)), (N * N) / 1e6);
console.log(`  ${whole.length} patches, ${whole.reduce((s, p) => s + p.polygons.reduce((t, q) => t + q.rings.length, 0), 0)} rings`);
const noFeatures = { ...raster, features: [] };
time('windowPieces, one window, no features', () => windowPieces(noFeatures, wholeWindow(noFeatures)), (N * N) / 1e6);
const wins = haloWindows(N, N, 1024, 16);
const cuts = wins.map((w) => cutRaster(raster, w));
const pieces = time(`windowPieces, ${wins.length} windows of 1024² (+16 halo)`, () => wins.flatMap((w, i) => windowPieces(cuts[i], w)), (N * N) / 1e6);
const border = pieces.filter((p) => p.polygons.some((q) => q.edges !== undefined)).length;
console.log(`  ${pieces.length} pieces, ${border} touching a core edge`);
const merged = time('mergePieces', () => mergePieces(pieces));
console.log(`  ${merged.length} patches; identical to one window: ${JSON.stringify(merged) === JSON.stringify(mergePieces(whole))}`);
const json = JSON.stringify(pieces.filter((p) => p.polygons.some((q) => q.edges !== undefined)));
console.log(`  border pieces as JSON: ${(json.length / 1024).toFixed(0)} KiB`);
const utm = '+proj=utm +zone=50 +ellps=GRS80 +units=m +no_defs';
const toLonLat = proj4(utm, 'EPSG:4326');
const grid = { crs: 32650, originX: 400000, originY: 3400000, resX: 1, resY: 1, width: N, height: N };
time(`finalisePatch × ${merged.length} (simplify, lon/lat, area)`, () =>
  merged.map((m) => finalisePatch(m, grid, { toLonLat: (x, y) => toLonLat.forward([x, y]) as [number, number] })),
);

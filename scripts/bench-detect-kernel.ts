/**
 * Speed of the per-pixel detector kernel: detectWindow on a 1024² 4-band float32 window (one thread),
 * after fitSceneModel on the same window. Synthetic blocks with noise, 1 px misregistration,
 * gain change and ~3 % planted change. Usage: npx tsx scripts/bench-detect-kernel.ts [size]
 * Windows reuse their buffers, as the detection threads do; wall and CPU time are best of 7 (CPU
 * time is the steadier one on a shared machine).
 */
import { detectWindow } from '../geo/detect/detect-window.ts';
import { fitSceneModel } from '../geo/detect/fit-scene-model.ts';
import { crop, renderScene, withGain, type Cover } from '../geo/detect/test-scene.ts';

const size = Number(process.argv[2] ?? 1024);
const covers: Cover[] = ['vegetation', 'bare', 'built', 'water'];
const before: Cover[] = [];
const after: Cover[] = [];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const c = covers[((x >> 6) * 7 + (y >> 6) * 3) % 4];
    before.push(c);
    const changed = (x >> 5) % 6 === 1 && (y >> 5) % 6 === 2;
    after.push(changed ? 'built' : covers[(((x + 1) >> 6) * 7 + (y >> 6) * 3) % 4]);
  }
}
const b = renderScene(before, size, size, 60, 1);
const a = withGain(renderScene(after, size, size, 60, 2), 1.1, 40);
const roles = { blue: 0, green: 1, red: 2, nir: 3 };
const opts = { pixelSizeM: 1 };
let t = performance.now();
const model = fitSceneModel([{ before: b, after: a }], roles, opts);
const fitMs = performance.now() - t;
const reuse = { ...opts, reuse: true };
detectWindow(b, a, roles, model, reuse); // warm-up
// Best of several runs: the machine is shared, and the minimum is the least disturbed measurement.
const runs = 7;
let best = Infinity;
let bestCpu = Infinity;
let changed = 0;
for (let r = 0; r < runs; r++) {
  t = performance.now();
  const c0 = process.cpuUsage();
  const out = detectWindow(b, a, roles, model, reuse);
  const c = process.cpuUsage(c0);
  best = Math.min(best, performance.now() - t);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  changed = out.mask.reduce((s, v) => s + v, 0);
}
const ms = best;
console.log(`fitSceneModel ${size}²: ${fitMs.toFixed(0)} ms`);
console.log(
  `detectWindow ${size}² × 4 bands: ${ms.toFixed(1)} ms wall, ${bestCpu.toFixed(1)} ms CPU (best of ${runs}) = ${((size * size) / ms / 1000).toFixed(1)} Mpix/s; changed ${(changed / (size * size) * 100).toFixed(1)} %`,
);

// The default scene-model sample: 24 windows of 384² cut from the same scene (fit only).
{
  const k = 384;
  const samples = [];
  for (let j = 0; j < 24; j++) {
    const x0 = (j % 6) * Math.floor((size - k) / 5);
    const y0 = Math.floor(j / 6) * Math.floor((size - k) / 3);
    samples.push({ before: crop(b, x0, y0, k, k), after: crop(a, x0, y0, k, k) });
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fitSceneModel(samples, roles, opts);
  const c = process.cpuUsage(c0);
  console.log(`fitSceneModel on 24 × 384² (${((24 * k * k) / 1e6).toFixed(1)} Mpix): ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU`);
}

// Reference for a loaded machine: one plain pass (out = a·2 + 1) over the same pixel count.
{
  const n = size * size;
  const x = b.bands[0];
  const y = new Float32Array(n);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) y[i] = x[i] * 2 + 1;
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`reference single pass: ${best.toFixed(1)} ms = ${(n / best / 1000).toFixed(0)} Mpix/s (an idle core does ~500)`);
}

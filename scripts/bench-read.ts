/**
 * Read-speed benchmark for geo/tiff: writes a size² 4-band uint16 tiled (256²) GeoTIFF per
 * compression into a temp dir (removed afterwards), then reads each whole image by 1024² windows
 * on one thread, reusing the window buffers as `detect` does, and prints Mpix/s (pixels of all 4
 * bands counted once per pixel position), by wall clock and per CPU-second of this process (the
 * fairer figure on a shared, loaded machine).
 *
 *   npx tsx scripts/bench-read.ts [--size 4096] [--only lzw,deflate] [--repeat 3] [--geotiff]
 *
 * `--repeat N` reads each file N times and prints the fastest and the median (timings on shared VMs
 * drift 10–20 %, and the first pass includes JIT warm-up);
 * `--geotiff` also times geotiff.js readRasters.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { writeTiff, type TiffWriteOptions } from '../fixtures/tiff-writer.ts';
import { openTiff } from '../geo/tiff/open-tiff.ts';

const args = process.argv.slice(2);
const size = Number(args[args.indexOf('--size') + 1] ?? 4096) || 4096;
const withGeotiff = args.includes('--geotiff');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const repeat = Math.max(1, Number(args.includes('--repeat') ? args[args.indexOf('--repeat') + 1] : 1) || 1);
const WIN = 1024;
const dir = mkdtempSync(join(tmpdir(), 'bench-read-'));

/** Smooth fields plus a few DN of noise: compresses like real imagery (ratio ≈ 2–3). */
const sinX = [0, 1, 2, 3].map((b) => Float64Array.from({ length: size }, (_, x) => 400 * Math.sin(x / 97 + b)));
function rows(y: number, h: number): Uint16Array[] {
  return [0, 1, 2, 3].map((b) => {
    const a = new Uint16Array(h * size);
    const sx = sinX[b];
    let s = (y * 2654435761 + b * 97) >>> 0;
    for (let r = 0; r < h; r++) {
      const yy = y + r;
      const cy = Math.cos(yy / 131);
      for (let x = 0; x < size; x++) {
        s = (s * 1664525 + 1013904223) >>> 0;
        a[r * size + x] = 800 + b * 300 + sx[x] * cy + (((x >> 6) ^ (yy >> 6)) % 7) * 40 + (s >>> 28);
      }
    }
    return a;
  });
}

const cases: { name: string; compression: TiffWriteOptions['compression']; predictor: 1 | 2 }[] = [
  { name: 'none', compression: 'none', predictor: 1 },
  { name: 'deflate', compression: 'deflate', predictor: 1 },
  { name: 'deflate+predictor', compression: 'deflate', predictor: 2 },
  { name: 'lzw', compression: 'lzw', predictor: 1 },
  { name: 'lzw+predictor', compression: 'lzw', predictor: 2 },
  { name: 'packbits', compression: 'packbits', predictor: 1 },
];

try {
  console.log(`bench-read: ${size}×${size} × 4 bands uint16, tiled 256², windows ${WIN}², one thread`);
  for (const c of cases.filter((k) => !only || only.includes(k.name))) {
    const path = join(dir, `${c.name}.tif`);
    const t0 = performance.now();
    await writeTiff({ path, width: size, height: size, bands: 4, sampleType: 'uint16', compression: c.compression, predictor: c.predictor, grid: { crs: 4526, originX: 38_500_000, originY: 3_400_000, resX: 1, resY: 1, width: size, height: size } }, rows);
    const writeS = (performance.now() - t0) / 1000;
    const reads: number[] = [];
    let cpuS = Infinity, checksum = 0;
    for (let k = 0; k < repeat; k++) {
      const reader = await openTiff(path, { cacheBytes: 32 * 2 ** 20, reuseWindows: true });
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      checksum = 0;
      for (let y = 0; y < size; y += WIN)
        for (let x = 0; x < size; x += WIN) {
          const s = await reader.readWindow({ x, y, width: Math.min(WIN, size - x), height: Math.min(WIN, size - y) });
          checksum += s.bands[3][1];
        }
      reads.push((performance.now() - t1) / 1000);
      const cpu = process.cpuUsage(cpu0);
      cpuS = Math.min(cpuS, (cpu.user + cpu.system) / 1e6);
      await reader.close();
    }
    const readS = Math.min(...reads);
    const median = reads.sort((a, b) => a - b)[reads.length >> 1];
    let ref = '';
    if (withGeotiff) {
      const tiff = await fromFile(path);
      const image = await tiff.getImage();
      const t2 = performance.now();
      for (let y = 0; y < size; y += WIN) await image.readRasters({ window: [0, y, size, Math.min(size, y + WIN)] });
      ref = `   geotiff.js ${((size * size) / 1e6 / ((performance.now() - t2) / 1000)).toFixed(1).padStart(6)} Mpix/s`;
      await tiff.close();
    }
    const mb = statSync(path).size / 2 ** 20;
    const mpix = (size * size) / 1e6;
    console.log(`${c.name.padEnd(18)} ${(mpix / readS).toFixed(1).padStart(6)} Mpix/s wall, ${(mpix / cpuS).toFixed(1).padStart(6)} Mpix/s per CPU-second  (read ${readS.toFixed(2)} s${repeat > 1 ? `, median of ${repeat} ${(mpix / median).toFixed(1)} Mpix/s` : ''}, file ${mb.toFixed(0)} MiB, written in ${writeS.toFixed(1)} s, checksum ${checksum})${ref}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

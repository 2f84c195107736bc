import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crsTransform } from '../../geo/crs/transform.ts';
import { cellSums } from '../../geo/raster/cell-sums.ts';
import type { BandStack, Grid } from '../../geo/types.ts';
import { drawOverview, overviewCanvas, paintPicture, painted } from './overview-map.ts';

const grid = (originX: number, originY: number, width: number, height: number): Grid => ({ crs: 4526, originX, originY, resX: 1, resY: 1, width, height });

/** A whole grid's picture in cells of `cell` px, three bands of `value` (all valid). */
function flat(g: Grid, value: number, cell: number): ReturnType<typeof cellSums> {
  const n = g.width * g.height;
  const band = new Float32Array(n).fill(value);
  const stack: BandStack = { width: g.width, height: g.height, bands: [band, band, band], valid: new Uint8Array(n).fill(1) };
  return cellSums(stack, { x: 0, y: 0 }, { x: 0, y: 0, width: g.width, height: g.height }, [0, 1, 2], cell);
}

describe('overview map', () => {
  it('paints every canvas pixel of grids with cells coarser and finer than its own, with their means', () => {
    const big = grid(38524000, 3354000, 4096, 4096);
    const small = grid(38528096, 3354000, 512, 512); // east of it
    const canvas = overviewCanvas([big, small]);
    expect(canvas.grid.resX).toBeCloseTo(4608 / 1024, 6);
    expect(painted(canvas)).toBe(false);
    paintPicture(canvas, big, flat(big, 100, 8)); // cells coarser than the canvas's 4.5 m
    paintPicture(canvas, small, flat(small, 300, 1)); // and finer
    const { width } = canvas.grid;
    const mean = (px: number, py: number) => canvas.acc[(py * width + px) * 4] / canvas.acc[(py * width + px) * 4 + 3];
    const bigPx = Math.floor(4096 / canvas.grid.resX);
    for (let py = 0; py < bigPx; py += 7) for (let px = 0; px < bigPx; px++) expect(mean(px, py)).toBeCloseTo(100, 3);
    for (let py = 0; py < 100; py += 3) for (let px = bigPx + 1; px < width; px++) expect(mean(px, py)).toBeCloseTo(300, 3);
    // Every picture pixel counted once.
    let count = 0;
    for (let o = 3; o < canvas.acc.length; o += 4) count += canvas.acc[o];
    expect(count).toBeCloseTo(4096 * 4096 + 512 * 512, 0);
  });

  it('paints a pair in degrees onto a metre canvas without holes, and lays a canvas in degrees out square on the ground', () => {
    const big = grid(38524000, 3354000, 2048, 2048);
    const canvas = overviewCanvas([big]);
    const toLonLat = crsTransform(4526, 4490);
    const [lon, lat] = toLonLat(big.originX + 500, big.originY - 500);
    const deg: Grid = { crs: 4490, originX: lon, originY: lat, resX: 1e-5, resY: 1e-5, width: 800, height: 800 };
    paintPicture(canvas, deg, flat(deg, 500, 8));
    // Its footprint, in canvas pixels (2 m each), is painted throughout.
    const toMap = crsTransform(4490, 4526);
    const [x0, y0] = toMap(lon, lat);
    const [x1, y1] = toMap(lon + 0.008, lat - 0.008);
    const px = (x: number) => Math.floor((x - canvas.grid.originX) / canvas.grid.resX);
    const py = (y: number) => Math.floor((canvas.grid.originY - y) / canvas.grid.resY);
    let holes = 0, inside = 0;
    for (let y = py(y0) + 2; y <= py(y1) - 2; y++) for (let x = px(x0) + 2; x <= px(x1) - 2; x++) { inside++; if (canvas.acc[(y * canvas.grid.width + x) * 4 + 3] === 0) holes++; }
    expect(inside).toBeGreaterThan(100_000);
    expect(holes).toBe(0);
    // A canvas over that pair alone: its pixels are cos(latitude) as wide in degrees of latitude as of longitude.
    const own = overviewCanvas([deg]).grid;
    expect(own.resY / own.resX).toBeCloseTo(Math.cos((lat * Math.PI) / 180), 3);
  });

  it('draws the later date stretched and upright, with a severe patch outlined in red and a small one as a marker', async () => {
    const g = grid(38524000, 3354000, 256, 256);
    const canvas = overviewCanvas([g]);
    // West half dark, east half bright, the south-east quarter brightest; split into two units as a run would.
    const n = 256 * 256;
    const band = Float32Array.from({ length: n }, (_, i) => (i % 256 < 128 ? 200 : i < 128 * 256 ? 600 : 900));
    const stack: BandStack = { width: 256, height: 256, bands: [band, band, band], valid: new Uint8Array(n).fill(1) };
    for (const x of [0, 128]) paintPicture(canvas, g, cellSums(stack, { x: 0, y: 0 }, { x, y: 0, width: 128, height: 256 }, [0, 1, 2], 1));
    const toLonLat = crsTransform(4526, 4490);
    const square = (x0: number, y0: number, s: number) => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]].map(([x, y]) => toLonLat(g.originX + x, g.originY - y));
    const png = await drawOverview(canvas, [
      { geometry: JSON.stringify({ type: 'Polygon', coordinates: [square(40, 100, 60)] }), severity: 'severe' },
      { geometry: JSON.stringify({ type: 'Polygon', coordinates: [square(200, 200, 1)] }), severity: 'none' },
    ], ['test']);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1024, 1024]);
    const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    // Scale 4: the severe square's west edge runs down x = 160 from y = 400 to 640.
    const red = at(160, 520);
    expect(red[0]).toBeGreaterThan(200);
    expect(red[1]).toBeLessThan(80);
    // The one-metre patch is a marker a few pixels wide around (802, 802), cyan.
    let cyan = 0;
    for (let y = 790; y < 815; y++) for (let x = 790; x < 815; x++) { const [r, gg, b] = at(x, y); if (r < 80 && gg > 180 && b > 180) cyan++; }
    expect(cyan).toBeGreaterThan(8);
    // The stretch keeps dark west and bright east apart, and north stays up.
    expect(at(300, 900)[0]).toBeLessThan(60);
    const [ne, se] = [at(900, 300)[0], at(900, 800)[0]];
    expect(ne).toBeGreaterThan(60);
    expect(se).toBeGreaterThan(ne + 40);
  });

  it('keeps a long strip of tiles wide enough for a caption, and shrinks crowded markers', async () => {
    const strip = overviewCanvas([grid(38524000, 3354000, 100, 10000)]);
    expect(strip.grid.width * 4).toBeGreaterThanOrEqual(strip.grid.height - 1);
    const g = grid(38524000, 3354000, 512, 512);
    const canvas = overviewCanvas([g]);
    paintPicture(canvas, g, flat(g, 500, 1));
    const toLonLat = crsTransform(4526, 4490);
    // 20,000 one-metre patches on a 512 m square: 7 px squares would cover the picture many times over.
    const patches = Array.from({ length: 20_000 }, (_, i) => {
      const [x, y] = [(i * 7919) % 509, (i * 104729) % 509];
      const ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]].map(([a, b]) => toLonLat(g.originX + a, g.originY - b));
      return { geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), severity: i % 2 ? 'severe' : null };
    });
    const { data, info } = await sharp(await drawOverview(canvas, patches, ['crowded'])).raw().toBuffer({ resolveWithObject: true });
    let marked = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] > 200 && data[i + 1] < 80) marked++;
    expect(marked).toBeGreaterThan(0);
    expect(marked / (info.width * info.height)).toBeLessThan(0.2);
  });
});

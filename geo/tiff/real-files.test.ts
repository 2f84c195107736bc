/** The reader against real GeoTIFFs from /work/shared/data/real, with geotiff.js readRasters as reference. */
import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';
import type { PixelWindow } from '../types.ts';
import { resolveBandRoles } from './band-roles.ts';
import { openTiff } from './open-tiff.ts';

const REAL = '/work/shared/data/real';

async function expectSameAsGeotiff(path: string, win: PixelWindow): Promise<void> {
  const tiff = await fromFile(path);
  const ref = (await (await tiff.getImage()).readRasters({ window: [win.x, win.y, win.x + win.width, win.y + win.height], interleave: false })) as unknown as ArrayLike<number>[];
  await tiff.close();
  const r = await openTiff(path);
  const mine = await r.readWindow(win);
  await r.close();
  expect(mine.bands.length).toBe(ref.length);
  for (let b = 0; b < ref.length; b++) {
    let diff = 0;
    for (let i = 0; i < ref[b].length; i++) if (ref[b][i] !== mine.bands[b][i]) diff++;
    expect(diff, `${path} band ${b}`).toBe(0);
  }
}

describe('real files', () => {
  it.each(['beihai', 'bercy', 'paris'])('OSCD %s A.tif (DEFLATE + predictor 2, EPSG:4326, uint16)', async (pair) => {
    const path = `${REAL}/oscd/${pair}/A.tif`;
    const r = await openTiff(path);
    expect(r.info).toMatchObject({ sampleType: 'uint16', compression: 8, predictor: 2, bandCount: 4, tiled: true, bandDescriptions: ['B02', 'B03', 'B04', 'B08'] });
    expect(r.info.grid.crs).toBe(4326);
    expect(resolveBandRoles(r.info)).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    const { width, height } = r.info;
    await r.close();
    await expectSameAsGeotiff(path, { x: 0, y: 0, width, height });
    await expectSameAsGeotiff(path, { x: 200, y: 190, width: 130, height: 120 });
  });

  it('Landsat Nanjing A.tif (6-band uint8, UTM 50N, DEFLATE + predictor)', async () => {
    const path = `${REAL}/landsat-taizhou-nanjing/nanjing/A.tif`;
    const r = await openTiff(path);
    expect(r.info).toMatchObject({ sampleType: 'uint8', bandCount: 6, predictor: 2 });
    expect(r.info.grid).toEqual({ crs: 32650, originX: 660585, originY: 3551295, resX: 30, resY: 30, width: 800, height: 800 });
    expect(r.info.bandWavelengths.slice(0, 4)).toEqual([0.485, 0.569, 0.66, 0.84]);
    expect(resolveBandRoles(r.info)).toEqual({ blue: 0, green: 1, red: 2, nir: 3 });
    await r.close();
    await expectSameAsGeotiff(path, { x: 0, y: 0, width: 800, height: 800 });
    await expectSameAsGeotiff(path, { x: 250, y: 500, width: 300, height: 299 });
  });

  it('rasterio RGB.byte.tif (striped, uncompressed, nodata 0, UTM 18N)', async () => {
    const path = `${REAL}/geotiff/rasterio-RGB.byte.tif`;
    const r = await openTiff(path);
    expect(r.info).toMatchObject({ tiled: false, compression: 1, nodata: 0, bandCount: 3 });
    expect(r.info.grid.crs).toBe(32618);
    const s = await r.readWindow({ x: 0, y: 0, width: 791, height: 718 });
    expect(s.valid[0]).toBe(0); // the corner is nodata
    expect(s.valid.reduce((a, v) => a + v, 0)).toBeGreaterThan(100000);
    await r.close();
    await expectSameAsGeotiff(path, { x: 0, y: 0, width: 791, height: 718 });
    await expectSameAsGeotiff(path, { x: 333, y: 101, width: 200, height: 77 });
  });

  it('rasterio cogeo.tif (JPEG, delegated to geotiff.js decoder, EPSG:3857)', async () => {
    const path = `${REAL}/geotiff/rasterio-cogeo.tif`;
    const r = await openTiff(path);
    expect(r.info).toMatchObject({ compression: 7, compressionName: 'JPEG', bandCount: 3, sampleType: 'uint8', width: 1024, height: 1024 });
    expect(r.info.grid.crs).toBe(3857);
    await r.close();
    await expectSameAsGeotiff(path, { x: 300, y: 400, width: 600, height: 500 });
  });
});

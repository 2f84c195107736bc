/**
 * A cloud mask opened for one image of a pair and read on the pair's grid, by windows like the
 * images. A mask is a single-band GeoTIFF in any grid and CRS the reader supports (typically the
 * image's grid, or a coarser one such as a 20 m / 60 m Sentinel-2 cloud mask); nonzero = cloud,
 * cloud shadow or otherwise unusable. Where the mask does not reach, pixels are clear.
 */
import { InputError } from '../errors.ts';
import { openTiff } from '../tiff/open-tiff.ts';
import { DEFAULT_CACHE_BYTES, SAMPLE_BYTES } from '../tiff/read-window.ts';
import type { TiffInfo, TiffReader } from '../tiff/types.ts';
import type { Grid, PixelWindow } from '../types.ts';
import { createPixelMapping } from './align-mapping.ts';
import { overlapWindow } from './align-overlap.ts';
import { footprintHalfSize, maskOntoGrid, maskSourceWindow } from './mask-onto-grid.ts';
import { createWorkBuffers, type WorkBuffers } from './work-buffers.ts';

/** Mask files per date of a pair (paths or URLs); either may be absent. */
export interface PairMasks {
  before?: string;
  after?: string;
}

export interface MaskReader {
  info: TiffInfo;
  /** 1 where the mask marks target-grid pixel of `win` unusable. With `reuseWindows` the same buffer each read, valid until the next. */
  read(win: PixelWindow, signal?: AbortSignal): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Throws the InputError of a mask unfit for `image`: not single-band, or not overlapping it. */
export function checkMask(mask: TiffInfo, image: Pick<TiffInfo, 'source' | 'grid'>): void {
  if (mask.bandCount !== 1) throw new InputError('BAND_MISMATCH', `${mask.source}: a mask needs exactly one band, it has ${mask.bandCount}`);
  if (!overlapWindow(image.grid, mask.grid)) throw new InputError('NO_OVERLAP', `${mask.source}: mask does not overlap ${image.source}`);
}

/**
 * Opens `path` as the mask of `image`, to be read on `target` (the pair grid). `cacheBytes` is the
 * image's tile cache budget: the mask's cache holds as many pixels at one byte a pixel (masks are
 * typically uint8), so as many tiles as the image's when the tile sizes match: the image's own budget
 * would let a mask beside a 4-band uint16 image keep 8× as many (8 MiB a thread for a 4096² mask).
 */
export async function openMask(
  path: string,
  image: TiffInfo,
  target: Grid,
  opts: { cacheBytes?: number; reuseWindows?: boolean; signal?: AbortSignal } = {},
): Promise<MaskReader> {
  const cacheBytes = Math.ceil((opts.cacheBytes ?? DEFAULT_CACHE_BYTES) / (image.bandCount * SAMPLE_BYTES[image.sampleType]));
  const tiff = await openTiff(path, { ...opts, cacheBytes });
  try {
    checkMask(tiff.info, image);
  } catch (err) {
    await tiff.close();
    throw err;
  }
  return maskReader(tiff, target, opts.reuseWindows ? createWorkBuffers() : undefined);
}

function maskReader(tiff: TiffReader, target: Grid, work: WorkBuffers | undefined): MaskReader {
  const { width: mw, height: mh } = tiff.info;
  const mapping = createPixelMapping(target, tiff.info.grid);
  return {
    info: tiff.info,
    close: () => tiff.close(),
    async read(win, signal) {
      const n = win.width * win.height;
      if (mapping.kind === 'shift') {
        const m = (await tiff.readWindow({ ...win, x: win.x + mapping.dx, y: win.y + mapping.dy }, signal)).bands[0];
        const out = work ? work.u8('mask', n) : new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = m[i] !== 0 ? 1 : 0;
        return out;
      }
      const { sx, sy } = mapping.map(win);
      // The footprint's size from a 2 × 2 probe mid-window (a window may be one pixel wide).
      const probe = mapping.map({ x: win.x + (win.width >> 1), y: win.y + (win.height >> 1), width: 2, height: 2 });
      const { hx, hy } = footprintHalfSize(probe.sx, probe.sy);
      const srcWin = maskSourceWindow(sx, sy, hx, hy, mw, mh);
      if (!srcWin) return work ? work.u8('mask', n).fill(0) : new Uint8Array(n);
      return maskOntoGrid(await tiff.readWindow(srcWin, signal), srcWin, sx, sy, hx, hy, work);
    },
  };
}

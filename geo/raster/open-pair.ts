/**
 * Opens the two dates of a change-detection run as one aligned pair. The target grid is the AFTER
 * image's grid cropped to the overlap with the BEFORE image; windows are read in target-grid
 * pixels, and the before image is resampled onto that grid: read directly when the grids differ by
 * a whole-pixel shift (or not at all), bilinear through an affine map for the same CRS, and through
 * a proj4 mesh for different CRSs. Only the source window each target window needs is read.
 * Cloud masks (see open-mask.ts) are read on the same grid and windows; their pixels become invalid
 * in both dates. Every input problem is thrown here, before any output exists.
 */
import { InputError } from '../errors.ts';
import { resolveBandRoles } from '../tiff/band-roles.ts';
import { openTiff } from '../tiff/open-tiff.ts';
import type { TiffInfo, TiffReader } from '../tiff/types.ts';
import type { BandRoles, BandStack, Grid, PixelWindow } from '../types.ts';
import { createPixelMapping } from './align-mapping.ts';
import { overlapWindow } from './align-overlap.ts';
import { boxMeanStack } from './align-box-mean.ts';
import { resampleBilinear } from './align-resample.ts';
import { sourceWindowFor } from './align-source-window.ts';
import { cropGrid } from './grid-crop.ts';
import { applyMask } from './mask-onto-grid.ts';
import { openMask, type MaskReader, type PairMasks } from './open-mask.ts';

export interface ImagePair {
  /** Target grid: the AFTER image's grid cropped to the overlap. */
  grid: Grid;
  /** Band roles (0-based) from the after image, checked against the before image. */
  roles: BandRoles;
  before: TiffInfo;
  after: TiffInfo;
  /**
   * `win` in target-grid pixels; may extend past the grid edge (those pixels have valid = 0).
   * `masked` (null without masks) is 1 where a cloud mask of either date marks the pixel (then invalid in both).
   */
  readWindow(win: PixelWindow, signal?: AbortSignal): Promise<{ before: BandStack; after: BandStack; masked: Uint8Array | null }>;
  close(): Promise<void>;
}

export interface OpenPairOptions {
  /** Band roles as "blue=1,green=2,red=3,nir=4" (1-based); default: from metadata or band count. */
  bands?: string;
  /** Decoded-tile cache budget per image, bytes. Default 64 MiB (a 16384-pixel-wide 4-band uint16 row of 256² tiles is 32 MiB). */
  cacheBytes?: number;
  /** Cloud masks per date: nonzero = unusable. */
  masks?: PairMasks;
  /** Window reads reuse their buffers (see OpenTiffOptions.reuseWindows; a resampled date still allocates). */
  reuseWindows?: boolean;
  signal?: AbortSignal;
}

export async function openPair(beforePath: string, afterPath: string, opts: OpenPairOptions = {}): Promise<ImagePair> {
  const [b, a] = await Promise.allSettled([openTiff(beforePath, opts), openTiff(afterPath, opts)]);
  if (b.status === 'rejected' || a.status === 'rejected') {
    if (b.status === 'fulfilled') await b.value.close();
    if (a.status === 'fulfilled') await a.value.close();
    throw b.status === 'rejected' ? b.reason : (a as PromiseRejectedResult).reason;
  }
  const before = b.value;
  const after = a.value;
  const masks: MaskReader[] = [];
  try {
    const pair = build(before, after, opts);
    // Masks after the images: checking one needs its image's grid, reading it the pair's grid.
    for (const [path, image] of [[opts.masks?.before, before.info], [opts.masks?.after, after.info]] as const)
      if (path !== undefined) masks.push(await openMask(path, image, pair.grid, opts));
    return masks.length === 0 ? pair : withMasks(pair, masks);
  } catch (err) {
    await Promise.all([before.close(), after.close(), ...masks.map((m) => m.close())]);
    throw err;
  }
}

function withMasks(pair: ImagePair, masks: MaskReader[]): ImagePair {
  return {
    ...pair,
    async readWindow(win, signal) {
      const [stacks, ...flags] = await Promise.all([pair.readWindow(win, signal), ...masks.map((m) => m.read(win, signal))]);
      const masked = flags[0];
      for (const f of flags.slice(1)) for (let i = 0; i < masked.length; i++) masked[i] |= f[i];
      applyMask(masked, stacks.before, stacks.after);
      return { ...stacks, masked };
    },
    close: async () => {
      await Promise.all([pair.close(), ...masks.map((m) => m.close())]);
    },
  };
}

function build(before: TiffReader, after: TiffReader, opts: OpenPairOptions): ImagePair {
  const bi = before.info;
  const ai = after.info;
  if (bi.bandCount !== ai.bandCount)
    throw new InputError('BAND_MISMATCH', `${bi.source} has ${bi.bandCount} bands but ${ai.source} has ${ai.bandCount}; both dates need the same bands`);
  const roles = resolveBandRoles(ai, opts.bands);
  if (opts.bands === undefined) {
    const br = resolveBandRoles(bi);
    for (const k of ['blue', 'green', 'red', 'nir'] as const)
      if (br[k] !== undefined && roles[k] !== undefined && br[k] !== roles[k])
        throw new InputError('BAND_MISMATCH', `${bi.source} has ${k} in band ${br[k]! + 1} but ${ai.source} in band ${roles[k]! + 1}; reorder the bands or pass --bands`);
  }
  const crop = overlapWindow(ai.grid, bi.grid);
  if (!crop) throw new InputError('NO_OVERLAP', `${bi.source} and ${ai.source} do not overlap`);
  const grid = cropGrid(ai.grid, crop);
  const mapping = createPixelMapping(grid, bi.grid);

  async function readBefore(win: PixelWindow, signal?: AbortSignal): Promise<BandStack> {
    if (mapping.kind === 'shift') return before.readWindow({ ...win, x: win.x + mapping.dx, y: win.y + mapping.dy }, signal);
    const { sx, sy } = mapping.map(win);
    // Source pixels per target pixel along each axis (from the window's corner columns/rows).
    const { kx, ky } = footprint(sx, sy, win.width, win.height);
    const average = Math.max(kx, ky) >= 1.5;
    const halo = average ? Math.ceil(Math.max(kx, ky) / 2) : 0;
    const srcWin = sourceWindowFor(sx, sy, bi.width, bi.height, halo);
    if (!srcWin) {
      const n = win.width * win.height;
      return { width: win.width, height: win.height, bands: Array.from({ length: bi.bandCount }, () => new Float32Array(n)), valid: new Uint8Array(n) };
    }
    let src = await before.readWindow(srcWin, signal);
    // A finer source is averaged over each target pixel's footprint first, so it does not alias.
    if (average) src = boxMeanStack(src, Math.max(1, Math.round(kx)), Math.max(1, Math.round(ky)));
    return resampleBilinear(src, srcWin, sx, sy, win.width, win.height);
  }

  return {
    grid,
    roles,
    before: bi,
    after: ai,
    async readWindow(win, signal) {
      const [bs, as] = await Promise.all([readBefore(win, signal), after.readWindow({ ...win, x: win.x + crop.x, y: win.y + crop.y }, signal)]);
      // Pixels outside the target grid (past the overlap) are not part of the pair, in either date.
      if (win.x < 0 || win.y < 0 || win.x + win.width > grid.width || win.y + win.height > grid.height) {
        for (let r = 0; r < win.height; r++)
          for (let c = 0; c < win.width; c++) {
            const x = win.x + c, y = win.y + r;
            if (x < 0 || y < 0 || x >= grid.width || y >= grid.height) as.valid[r * win.width + c] = bs.valid[r * win.width + c] = 0;
          }
      }
      return { before: bs, after: as, masked: null };
    },
    close: async () => {
      await Promise.all([before.close(), after.close()]);
    },
  };
}

/** Size of a target pixel in source pixels, measured across the window. */
function footprint(sx: Float64Array, sy: Float64Array, width: number, height: number): { kx: number; ky: number } {
  const last = width * height - 1;
  const kx = width > 1 ? Math.hypot(sx[width - 1] - sx[0], sy[width - 1] - sy[0]) / (width - 1) : 1;
  const ky = height > 1 ? Math.hypot(sx[last - width + 1] - sx[0], sy[last - width + 1] - sy[0]) / (height - 1) : 1;
  return { kx: Number.isFinite(kx) ? kx : 1, ky: Number.isFinite(ky) ? ky : 1 };
}

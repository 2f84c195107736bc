/**
 * Window reads over a parsed TIFF: fetches only the tiles/strips a window touches, decodes each
 * once (bounded LRU of decoded blocks, so unaligned neighbouring windows reuse them) and copies
 * samples into float32 bands with tight typed-array loops. Pixel coordinates are the image's.
 */
import { InputError } from '../errors.ts';
import type { BandStack, PixelWindow } from '../types.ts';
import { decodeBlock, DECODES_INTO, type BlockLayout } from './decode-block.ts';
import { createWorkBuffers } from '../raster/work-buffers.ts';
import { createLru } from './lru-cache.ts';
import { readRanges } from './read-ranges.ts';
import type { TiffHeader } from './read-header.ts';
import type { ByteSource } from './source.ts';
import type { SampleType } from './types.ts';

type Samples = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Bytes per sample of each sample type. */
export const SAMPLE_BYTES: Record<SampleType, number> = { uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, float64: 8 };

function view(type: SampleType, u8: Uint8Array): Samples {
  const { buffer, byteOffset: o, byteLength: n } = u8;
  switch (type) {
    case 'uint8': return u8;
    case 'int8': return new Int8Array(buffer, o, n);
    case 'uint16': return new Uint16Array(buffer, o, n >> 1);
    case 'int16': return new Int16Array(buffer, o, n >> 1);
    case 'uint32': return new Uint32Array(buffer, o, n >> 2);
    case 'int32': return new Int32Array(buffer, o, n >> 2);
    case 'float32': return new Float32Array(buffer, o, n >> 2);
    case 'float64': return new Float64Array(buffer, o, n >> 3);
  }
}

/** Decoded-block cache budget when none is given. */
export const DEFAULT_CACHE_BYTES = 64 * 2 ** 20;

export type WindowReader = (win: PixelWindow, signal?: AbortSignal) => Promise<BandStack>;

/**
 * `cacheBytes`: decoded-block cache budget in bytes (default 64 MiB). `reuse`: every read returns
 * the same buffers (while the window size stays the same), valid until the next read.
 */
export function createWindowReader(src: ByteSource, header: TiffHeader, cacheBytes = DEFAULT_CACHE_BYTES, reuse = false): WindowReader {
  const { info, offsets, counts } = header;
  const { width: W, height: H, blockWidth: bw, blockHeight: bh, bandCount, planar, sampleType } = info;
  const across = Math.ceil(W / bw);
  const perPlane = across * Math.ceil(H / bh);
  const spp = planar === 1 ? bandCount : 1;
  const bps = SAMPLE_BYTES[sampleType];
  const { decompressAsync } = header;
  // Delegated compressions arrive decompressed (native order, predictor applied).
  const layout: BlockLayout = decompressAsync
    ? { compression: 1, predictor: 1, bytesPerSample: bps, littleEndian: true, width: bw, spp }
    : { compression: info.compression, predictor: info.predictor, bytesPerSample: bps, littleEndian: info.littleEndian, width: bw, spp };
  const blockBytes = bw * bh * spp * bps;
  // Recycling pays for many blocks of a cache, not for a few huge strips.
  const pool = DECODES_INTO.has(layout.compression) && 4 * blockBytes <= cacheBytes ? blockPool(blockBytes, cacheBytes) : null;
  const cache = createLru<number, Promise<Samples>>(cacheBytes, (_, p) => pool?.evicted(p));

  const corrupt = (index: number, why: string, cause?: unknown) =>
    new InputError('TIFF_CORRUPT', `${info.source}: ${info.tiled ? 'tile' : 'strip'} ${index} is corrupt (${why})`, { cause });

  /** Decoded block `index`; `raw` (when given) is its bytes from a batched read. */
  function block(index: number, rows: number, signal?: AbortSignal, raw?: Promise<Uint8Array>): Promise<Samples> {
    const hit = cache.get(index);
    if (hit) return hit;
    const p = (async (): Promise<Samples> => {
      const count = counts[index];
      if (count === 0) {
        // Sparse block (GDAL writes none for all-nodata areas).
        const empty = view(sampleType, new Uint8Array(bw * rows * spp * bps));
        empty.fill((info.nodata ?? 0) as never);
        return empty;
      }
      const bytes = await (raw ?? src.read(offsets[index], count, signal));
      if (bytes.length < count) throw corrupt(index, `only ${bytes.length} of ${count} bytes present`);
      const into = pool?.take();
      try {
        return view(sampleType, decodeBlock(decompressAsync ? await decompressAsync(bytes) : bytes, rows, layout, into));
      } catch (err) {
        if (into) pool!.give(into);
        throw corrupt(index, (err as Error).message, err);
      }
    })();
    p.catch(() => cache.delete(index));
    pool?.decoded(p);
    cache.set(index, p, bw * rows * spp * bps);
    return p;
  }

  const kept = reuse ? createWorkBuffers() : undefined;
  const integer16 = sampleType === 'uint8' || sampleType === 'int8' || sampleType === 'uint16' || sampleType === 'int16';
  return async function readWindow(win, signal) {
    const n = win.width * win.height;
    const x0 = Math.max(0, win.x);
    const x1 = Math.min(W, win.x + win.width);
    const y0 = Math.max(0, win.y);
    const y1 = Math.min(H, win.y + win.height);
    const bands = Array.from({ length: bandCount }, (_, b) => (kept ? kept.f32(`band${b}`, n) : new Float32Array(n)));
    const valid = kept ? kept.u8('valid', n).fill(0) : new Uint8Array(n);
    // Reused bands are overwritten only where the window meets the image.
    if (reuse && (x0 > win.x || y0 > win.y || x1 < win.x + win.width || y1 < win.y + win.height)) for (const b of bands) b.fill(0);
    if (x0 >= x1 || y0 >= y1) return { width: win.width, height: win.height, bands, valid, integer16 };
    const bx0 = Math.floor(x0 / bw);
    const bx1 = Math.floor((x1 - 1) / bw);
    for (let by = Math.floor(y0 / bh); by <= Math.floor((y1 - 1) / bh); by++) {
      signal?.throwIfAborted();
      const rows = Math.min(bh, H - by * bh);
      const blockRows = info.tiled ? bh : rows;
      const planes = planar === 2 ? bandCount : 1;
      const indices: number[] = [];
      for (let p = 0; p < planes; p++) for (let bx = bx0; bx <= bx1; bx++) indices.push(p * perPlane + by * across + bx);
      // One batched read for the blocks of this row that are neither cached nor sparse.
      const missing = indices.filter((i) => counts[i] > 0 && cache.get(i) === undefined);
      const batch = missing.length > 1 ? readRanges(src, missing.map((i) => ({ offset: offsets[i], length: counts[i] })), signal) : null;
      // Each block is held from its request until copied: one evicted meanwhile (by a later block of
      // this row, or by a concurrent read) keeps its buffer till then.
      const jobs = indices.map((i) => {
        const k = batch ? missing.indexOf(i) : -1;
        const job = block(i, blockRows, signal, k >= 0 ? batch!.then((raws) => raws[k]) : undefined);
        pool?.pin(job);
        return job;
      });
      try {
        const blocks = await Promise.all(jobs);
        const ry0 = Math.max(y0, by * bh);
        const ry1 = Math.min(y1, by * bh + rows);
        for (let p = 0; p < planes; p++) {
          for (let bx = bx0; bx <= bx1; bx++) {
            const data = blocks[p * (bx1 - bx0 + 1) + (bx - bx0)];
            const cx0 = Math.max(x0, bx * bw);
            const cx1 = Math.min(x1, bx * bw + bw);
            const len = cx1 - cx0;
            for (let r = ry0; r < ry1; r++) {
              const src0 = ((r - by * bh) * bw + (cx0 - bx * bw)) * spp;
              const dst0 = (r - win.y) * win.width + (cx0 - win.x);
              if (spp === 1) bands[p].set(data.subarray(src0, src0 + len), dst0);
              else if (spp === 4) copy4(data, src0, bands, dst0, len);
              else for (let b = 0; b < spp; b++) copyStrided(data, src0 + b, spp, bands[b], dst0, len);
            }
          }
        }
      } finally {
        for (const j of jobs) pool?.unpin(j);
      }
    }
    for (let r = y0; r < y1; r++) valid.fill(1, (r - win.y) * win.width + (x0 - win.x), (r - win.y) * win.width + (x1 - win.x));
    markInvalid(bands, valid, info.nodata, sampleType.startsWith('float'));
    return { width: win.width, height: win.height, bands, valid, integer16 };
  };
}

/**
 * Buffers of decoded blocks, recycled: a block the cache drops gives its buffer to the next decode,
 * so a full cache decodes without allocating. A block is pinned while a read copies from it (reads
 * of one reader may interleave), and an evicted block's buffer returns only once nothing pins it.
 * Free buffers are kept up to an eighth of the cache's budget (at least one): a full cache evicts a
 * block per decode, so few wait.
 */
function blockPool(blockBytes: number, cacheBytes: number) {
  const free: Uint8Array[] = [];
  const maxFree = Math.max(1, Math.floor(cacheBytes / 8 / blockBytes));
  /** Our buffers, by the promise of the block decoded into each (set once it resolves). */
  const owned = new WeakMap<Promise<Samples>, Uint8Array>();
  const pins = new Map<Promise<Samples>, number>();
  /** Evicted while pinned: given back at the last unpin. */
  const doomed = new Set<Promise<Samples>>();
  const give = (buf: Uint8Array): void => {
    if (free.length < maxFree) free.push(buf);
  };
  const release = (p: Promise<Samples>): void => {
    const buf = owned.get(p);
    if (buf) {
      owned.delete(p);
      give(buf);
    }
  };
  return {
    take: (): Uint8Array => free.pop() ?? new Uint8Array(blockBytes + 64),
    give,
    /** Records the buffer a block was decoded into (a block still decoding when evicted keeps its own). */
    decoded(p: Promise<Samples>): void {
      p.then((s) => {
        if (s.byteOffset === 0 && s.buffer.byteLength === blockBytes + 64) owned.set(p, new Uint8Array(s.buffer));
      }, () => undefined);
    },
    pin(p: Promise<Samples>): void {
      pins.set(p, (pins.get(p) ?? 0) + 1);
    },
    unpin(p: Promise<Samples>): void {
      const n = pins.get(p)! - 1;
      if (n > 0) pins.set(p, n);
      else {
        pins.delete(p);
        if (doomed.delete(p)) release(p);
      }
    },
    evicted(p: Promise<Samples>): void {
      if (pins.has(p)) doomed.add(p);
      else release(p);
    },
  };
}

/** De-interleaves 4 samples per pixel in one pass over the source. */
function copy4(src: Samples, s: number, bands: Float32Array[], d: number, n: number): void {
  const b0 = bands[0], b1 = bands[1], b2 = bands[2], b3 = bands[3];
  for (let i = 0; i < n; i++, s += 4) {
    b0[d + i] = src[s];
    b1[d + i] = src[s + 1];
    b2[d + i] = src[s + 2];
    b3[d + i] = src[s + 3];
  }
}

function copyStrided(src: Samples, s: number, stride: number, dst: Float32Array, d: number, n: number): void {
  for (let i = 0; i < n; i++, s += stride) dst[d + i] = src[s];
}

/** Clears `valid` where any band equals nodata (or is NaN for float data). */
function markInvalid(bands: Float32Array[], valid: Uint8Array, nodata: number | null, isFloat: boolean): void {
  const nd = nodata === null ? null : Math.fround(nodata);
  for (const band of bands) {
    if (nd !== null && !Number.isNaN(nd)) {
      for (let i = 0; i < band.length; i++) if (band[i] === nd) valid[i] = 0;
    }
    if (isFloat) for (let i = 0; i < band.length; i++) if (band[i] !== band[i]) valid[i] = 0;
  }
}

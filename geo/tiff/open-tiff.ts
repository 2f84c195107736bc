/**
 * Opens a GeoTIFF or COG from a file path or an http(s) URL for window reads. All validation
 * (missing file, corrupt header, unsupported layout, georeferencing, CRS) happens here, so errors
 * surface before any output is produced.
 */
import { InputError } from '../errors.ts';
import { cachedSource } from './cached-source.ts';
import { readTiffHeader } from './read-header.ts';
import { createWindowReader } from './read-window.ts';
import { openFileSource } from './source-file.ts';
import { openHttpSource } from './source-http.ts';
import type { ByteSource } from './source.ts';
import type { TiffReader } from './types.ts';

export interface OpenTiffOptions {
  /** Budget for decoded tiles/strips kept for reuse, in bytes. Default 64 MiB (a 16384-pixel-wide 4-band uint16 row of 256² tiles is 32 MiB). */
  cacheBytes?: number;
  /**
   * Window reads return the same band and validity buffers each time (valid until the next read of
   * this image), for a reader that consumes each window before the next; saves allocating and
   * collecting ~20 MB per 1024² 4-band window.
   */
  reuseWindows?: boolean;
  signal?: AbortSignal;
}

export async function openTiff(pathOrUrl: string, opts: OpenTiffOptions = {}): Promise<TiffReader> {
  const remote = /^https?:\/\//i.test(pathOrUrl);
  const src: ByteSource = remote ? cachedSource(await openHttpSource(pathOrUrl, opts.signal)) : await openFileSource(pathOrUrl);
  try {
    if (src.size < 8) throw new InputError('TIFF_CORRUPT', `${pathOrUrl}: not a readable TIFF (file is ${src.size} bytes)`);
    const header = await readTiffHeader(src, opts.signal);
    return { info: header.info, readWindow: createWindowReader(src, header, opts.cacheBytes, opts.reuseWindows), close: () => src.close() };
  } catch (err) {
    await src.close();
    throw err;
  }
}

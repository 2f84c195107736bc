/**
 * A block cache in front of a ByteSource: reads are rounded out to aligned blocks, and the most
 * recently used blocks are kept (bounded LRU), so the many small header/IFD reads of a remote COG
 * cost one request each block instead of one per read.
 */
import type { ByteSource } from './source.ts';

/** Wraps `inner`; `blockSize` in bytes (default 64 KiB), at most `maxBlocks` kept (default 64). */
export function cachedSource(inner: ByteSource, blockSize = 65536, maxBlocks = 64): ByteSource {
  const blocks = new Map<number, Promise<Uint8Array>>();
  const block = (i: number, signal?: AbortSignal): Promise<Uint8Array> => {
    let p = blocks.get(i);
    if (p) {
      blocks.delete(i);
    } else {
      p = inner.read(i * blockSize, blockSize, signal);
      p.catch(() => blocks.delete(i));
    }
    blocks.set(i, p);
    while (blocks.size > maxBlocks) blocks.delete(blocks.keys().next().value as number);
    return p;
  };
  return {
    name: inner.name,
    size: inner.size,
    async read(offset, length, signal) {
      const end = Math.min(offset + length, inner.size);
      if (end <= offset) return new Uint8Array(0);
      // Large reads (tiles) bypass the cache: they are cached decoded, one level up.
      if (length > blockSize) return inner.read(offset, length, signal);
      const first = Math.floor(offset / blockSize);
      const last = Math.floor((end - 1) / blockSize);
      const parts = await Promise.all(Array.from({ length: last - first + 1 }, (_, k) => block(first + k, signal)));
      if (parts.length === 1) return parts[0].subarray(offset - first * blockSize, end - first * blockSize);
      const out = new Uint8Array(end - offset);
      let o = 0;
      for (let k = 0; k < parts.length; k++) {
        const start = k === 0 ? offset - first * blockSize : 0;
        const stop = Math.min(parts[k].length, end - (first + k) * blockSize);
        out.set(parts[k].subarray(start, stop), o);
        o += stop - start;
      }
      return o === out.length ? out : out.subarray(0, o);
    },
    close: () => inner.close(),
  };
}

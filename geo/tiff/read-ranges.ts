/**
 * Reads several byte ranges with as few source reads as sensible: ranges sorted by offset are
 * merged when the gap between them is small (a COG stores a row of tiles back to back), so a
 * window over a remote file costs one HTTP request per run of tiles instead of one per tile.
 * Results come back in the order asked; a range cut short by end of file comes back short.
 */
import type { ByteSource } from './source.ts';

export interface ByteRange {
  offset: number;
  length: number;
}

/** `maxGap`: largest hole (bytes) worth reading through; `maxSpan`: largest single read. */
export async function readRanges(src: ByteSource, ranges: ByteRange[], signal?: AbortSignal, maxGap = 16384, maxSpan = 16 * 2 ** 20): Promise<Uint8Array[]> {
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a].offset - ranges[b].offset);
  const out = new Array<Uint8Array>(ranges.length);
  const reads: Promise<void>[] = [];
  let i = 0;
  while (i < order.length) {
    const start = ranges[order[i]].offset;
    let end = start + ranges[order[i]].length;
    let j = i + 1;
    while (j < order.length) {
      const r = ranges[order[j]];
      if (r.offset > end + maxGap || Math.max(end, r.offset + r.length) - start > maxSpan) break;
      end = Math.max(end, r.offset + r.length);
      j++;
    }
    const group = order.slice(i, j);
    reads.push(
      src.read(start, end - start, signal).then((buf) => {
        for (const k of group) {
          const from = ranges[k].offset - start;
          out[k] = buf.subarray(Math.min(from, buf.length), Math.min(from + ranges[k].length, buf.length));
        }
      }),
    );
    i = j;
  }
  await Promise.all(reads);
  return out;
}

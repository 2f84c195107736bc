import { describe, expect, it } from 'vitest';
import { readRanges } from './read-ranges.ts';
import type { ByteSource } from './source.ts';

describe('readRanges', () => {
  it('merges nearby ranges into one read and returns slices in the order asked', async () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 255);
    const reads: [number, number][] = [];
    const src: ByteSource = {
      name: 'mem',
      size: bytes.length,
      async read(offset, length) {
        reads.push([offset, length]);
        return bytes.slice(offset, Math.min(bytes.length, offset + length));
      },
      async close() {},
    };
    const ranges = [{ offset: 5000, length: 100 }, { offset: 1000, length: 200 }, { offset: 1300, length: 50 }, { offset: 90_000, length: 20_000 }];
    const out = await readRanges(src, ranges, undefined, 4096);
    expect(reads).toEqual([[1000, 4100], [90_000, 20_000]]);
    ranges.forEach((r, i) => expect(Array.from(out[i])).toEqual(Array.from(bytes.subarray(r.offset, r.offset + r.length))));
    expect(out[3].length).toBe(10_000); // cut short by end of file
  });
});

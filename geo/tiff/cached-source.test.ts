import { describe, expect, it } from 'vitest';
import { cachedSource } from './cached-source.ts';
import type { ByteSource } from './source.ts';

function memorySource(bytes: Uint8Array): ByteSource & { reads: number } {
  const src = {
    name: 'mem',
    size: bytes.length,
    reads: 0,
    async read(offset: number, length: number) {
      src.reads++;
      return bytes.slice(offset, Math.min(bytes.length, offset + length));
    },
    async close() {},
  };
  return src;
}

describe('cachedSource', () => {
  it('serves small reads from aligned cached blocks, across block boundaries', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i & 255);
    const inner = memorySource(bytes);
    const src = cachedSource(inner, 64, 4);
    expect(Array.from(await src.read(60, 10))).toEqual(Array.from(bytes.subarray(60, 70)));
    expect(inner.reads).toBe(2);
    expect(Array.from(await src.read(62, 4))).toEqual(Array.from(bytes.subarray(62, 66)));
    expect(inner.reads).toBe(2);
    expect((await src.read(990, 50)).length).toBe(10);
    expect(Array.from(await src.read(100, 200))).toEqual(Array.from(bytes.subarray(100, 300))); // large: passes through
  });
});

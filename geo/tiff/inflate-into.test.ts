import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateInto } from './inflate-into.ts';

const data = Uint8Array.from({ length: 100_000 }, (_, i) => ((i * 7) % 251) ^ (i >> 9));
const packed = deflateSync(data);

describe('inflateInto', () => {
  it('inflates into the given buffer, again and again', () => {
    const out = new Uint8Array(data.length + 64);
    for (let k = 0; k < 3; k++) {
      out.fill(0);
      expect(inflateInto(packed, out)).toBe(data.length);
      expect(out.subarray(0, data.length)).toEqual(data);
    }
  });

  it('stops at the end of a buffer that is too small', () => {
    const out = new Uint8Array(5000);
    expect(inflateInto(packed, out)).toBe(5000);
    expect(out).toEqual(data.subarray(0, 5000));
  });

  it('throws zlib errors on truncated or corrupt data, then works again', () => {
    const out = new Uint8Array(data.length);
    expect(() => inflateInto(packed.subarray(0, 500), out)).toThrow(/unexpected end of file/);
    expect(() => inflateInto(Buffer.from('not a zlib stream at all'), out)).toThrow(/incorrect header check/);
    expect(inflateInto(packed, out)).toBe(data.length);
    expect(out).toEqual(data);
  });
});

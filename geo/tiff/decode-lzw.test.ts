import { describe, expect, it } from 'vitest';
import { decodeLzw } from './decode-lzw.ts';
import { lzwEncode } from './lzw-encode.ts';

describe('decodeLzw', () => {
  it('round-trips the encoder over sizes that cross every code width and several Clears', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16);
    for (const n of [0, 1, 2, 5, 300, 5000, 70000, 200000]) {
      const a = Uint8Array.from({ length: n }, (_, i) => (rnd() % 10 < 3 ? rnd() & 255 : (i >> 4) & 7));
      const dec = decodeLzw(lzwEncode(a), n);
      expect(dec.length).toBe(n);
      expect(Buffer.from(dec).equals(Buffer.from(a))).toBe(true);
    }
  });

  it('handles KwKwK runs and stops at the expected size', () => {
    const a = new Uint8Array(10000).fill(9);
    expect(Array.from(decodeLzw(lzwEncode(a), 10000)).every((v) => v === 9)).toBe(true);
    expect(decodeLzw(lzwEncode(a), 100).length).toBe(100);
  });

  it('decodes a truncated stream up to its last whole code', () => {
    const a = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7) % 13);
    const enc = lzwEncode(a);
    for (const cut of [1, 2, 3, 17, enc.length >> 1, enc.length - 3]) {
      const dec = decodeLzw(enc.subarray(0, cut), a.length);
      expect(dec.length).toBeLessThan(a.length);
      expect(Buffer.from(dec).equals(Buffer.from(a.subarray(0, dec.length)))).toBe(true);
    }
  });

  it('rejects invalid codes', () => {
    // Clear (256) then code 300 with an empty table, 9-bit MSB-first.
    expect(() => decodeLzw(Uint8Array.from([0x80, 0x4b, 0x00, 0x00]), 10)).toThrow(/invalid code/);
  });
});

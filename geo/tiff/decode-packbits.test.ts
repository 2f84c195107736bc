import { describe, expect, it } from 'vitest';
import { decodePackBits } from './decode-packbits.ts';
import { packBitsEncode } from './packbits-encode.ts';

describe('decodePackBits', () => {
  it('decodes the TIFF 6.0 specification example', () => {
    const packed = Uint8Array.from([0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa]);
    const expected = [0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22, ...new Array(10).fill(0xaa)];
    expect(Array.from(decodePackBits(packed, expected.length))).toEqual(expected);
  });
  it('round-trips the encoder', () => {
    const a = Uint8Array.from({ length: 5000 }, (_, i) => (i % 300 < 150 ? 4 : (i * 31) & 255));
    expect(Array.from(decodePackBits(packBitsEncode(a, 1000), a.length))).toEqual(Array.from(a));
  });
});

import { describe, expect, it } from 'vitest';
import { dilateSquare, openClose } from './open-close.ts';

function grid(rows: string[]): Uint8Array {
  return Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
}

describe('openClose', () => {
  it('removes specks, fills pinholes, keeps blocks touching the edge', () => {
    const m = grid([
      '#...........',
      '............',
      '...######...',
      '...######...',
      '...######...',
      '...######...',
      '...######...',
      '...######...',
      '............',
      '............',
    ]);
    const out = openClose(m, 12, 10, 1, 1);
    expect(out[0]).toBe(0); // speck gone
    expect(out.reduce((a, b) => a + b, 0)).toBe(36);
    const holed = m.slice();
    holed[0] = 0;
    holed[4 * 12 + 5] = 0;
    expect(openClose(holed, 12, 10, 0, 1)[4 * 12 + 5]).toBe(1); // pinhole filled
    const edge = grid(['###.', '###.', '###.', '....']);
    expect(openClose(edge, 4, 4, 1, 0).reduce((a, b) => a + b, 0)).toBe(9);
  });
  it('dilates by a square', () => {
    const m = new Uint8Array(25);
    m[12] = 1;
    expect(dilateSquare(m, 5, 5, 1).reduce((a, b) => a + b, 0)).toBe(9);
  });
});

/** Reference: direct (2r+1)² window with the window edge as "don't care". */
function refSquare(m: Uint8Array, w: number, h: number, r: number, erode: boolean): Uint8Array {
  const out = new Uint8Array(m.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = erode ? 1 : 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          v = erode ? v & m[yy * w + xx] : v | m[yy * w + xx];
        }
      }
      out[y * w + x] = v;
    }
  }
  return out;
}

describe('bit-packed morphology', () => {
  it('matches a direct window on random masks of awkward widths', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const [w, h, r, rc] of [[37, 29, 1, 3], [64, 20, 2, 4], [70, 33, 1, 1], [5, 40, 3, 2], [100, 9, 33, 1], [33, 33, 0, 2]]) {
      const m = Uint8Array.from({ length: w * h }, () => (rnd() < 0.55 ? 1 : 0));
      let ref: Uint8Array = m;
      if (r > 0) ref = refSquare(refSquare(ref, w, h, r, true), w, h, r, false);
      if (rc > 0) ref = refSquare(refSquare(ref, w, h, rc, false), w, h, rc, true);
      expect(openClose(m, w, h, r, rc)).toEqual(ref);
      expect(dilateSquare(m, w, h, r + 1)).toEqual(refSquare(m, w, h, r + 1, false));
    }
  });
});

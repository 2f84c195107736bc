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

import { describe, expect, it } from 'vitest';
import { undoPredictor } from './predictor.ts';

describe('undoPredictor', () => {
  it('undoes horizontal differencing per sample for 16-bit, 2 samples per pixel, with wrap-around', () => {
    const values = Uint16Array.from([100, 65535, 90, 1, 120, 3, 0, 7]); // 1 row, 4 pixels, 2 samples
    const diff = Uint16Array.from(values);
    for (let i = diff.length - 1; i >= 2; i--) diff[i] = diff[i] - diff[i - 2];
    const bytes = new Uint8Array(diff.buffer);
    undoPredictor(bytes, 2, 2, 4, 1, 2);
    expect(Array.from(new Uint16Array(bytes.buffer))).toEqual(Array.from(values));
  });

  it('undoes 16-bit differencing with 4 samples per pixel (two lanes a word) across lane and wrap-around boundaries', () => {
    const width = 9;
    const rows = 3;
    const edges = [0, 1, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff];
    const values = Uint16Array.from({ length: width * rows * 4 }, (_, i) => (i % 5 === 0 ? edges[i % edges.length] : (i * 40503) & 0xffff));
    const diff = Uint16Array.from(values);
    for (let r = 0; r < rows; r++) for (let i = (r + 1) * width * 4 - 1; i >= r * width * 4 + 4; i--) diff[i] = diff[i] - diff[i - 4];
    const bytes = new Uint8Array(diff.buffer);
    undoPredictor(bytes, 2, 2, width, rows, 4);
    expect(Array.from(new Uint16Array(bytes.buffer))).toEqual(Array.from(values));
  });

  it('undoes the floating-point predictor (3) on float32 rows', () => {
    const width = 5;
    const rows = 2;
    const values = Float32Array.from({ length: width * rows }, (_, i) => Math.sin(i) * 1000 - 3.25);
    // Forward: per row, split into big-endian byte planes, then byte-wise horizontal differencing.
    const enc = new Uint8Array(values.length * 4);
    const src = new Uint8Array(values.buffer);
    for (let r = 0; r < rows; r++) {
      const row = new Uint8Array(width * 4);
      for (let s = 0; s < width; s++) for (let b = 0; b < 4; b++) row[b * width + s] = src[(r * width + s) * 4 + (3 - b)];
      for (let i = row.length - 1; i >= 1; i--) row[i] = (row[i] - row[i - 1]) & 0xff;
      enc.set(row, r * width * 4);
    }
    undoPredictor(enc, 3, 4, width, rows, 1);
    expect(Array.from(new Float32Array(enc.buffer))).toEqual(Array.from(values));
  });
});

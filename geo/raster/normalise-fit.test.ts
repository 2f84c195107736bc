import { describe, expect, it } from 'vitest';
import { fitRelativeNormalisation } from './normalise-fit.ts';

describe('fitRelativeNormalisation', () => {
  it('recovers a known gain and offset despite 20 % changed pixels', () => {
    const n = 5000;
    const before = [new Float32Array(n), new Float32Array(n)];
    const after = [new Float32Array(n), new Float32Array(n)];
    for (let i = 0; i < n; i++) {
      for (let b = 0; b < 2; b++) {
        const v = 200 + ((i * (7 + b)) % 1000);
        const noise = ((i * 31 + b * 17) % 11) - 5;
        before[b][i] = v;
        // before = 0.8 · after + 40  ⇔  after = (before − 40) / 0.8
        after[b][i] = (v - 40) / 0.8 + noise;
        if (i % 5 === 0) after[b][i] += 600; // real change
      }
    }
    const fit = fitRelativeNormalisation(before, after);
    for (let b = 0; b < 2; b++) {
      expect(fit.gain[b]).toBeCloseTo(0.8, 1);
      expect(Math.abs(fit.offset[b] - 40)).toBeLessThan(15);
      expect(fit.noise[b]).toBeLessThan(10);
    }
  });
});

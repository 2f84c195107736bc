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

  it('recovers the gain of land in a few brightness modes (fields, roofs), whatever the sample', () => {
    // Deterministic pseudo-random numbers and Gaussian noise (Box–Muller).
    let state = 12345;
    const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
    const gauss = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
    const gains: number[] = [];
    for (let sample = 0; sample < 8; sample++) {
      const n = 20_000;
      const before = [new Float32Array(n)];
      const after = [new Float32Array(n)];
      // Each sample has its own share of roofs (20–55 %), as windows over different ground do.
      const roofs = 0.2 + 0.05 * sample;
      for (let i = 0; i < n; i++) {
        const ground = rand() < roofs ? 450 + 20 * gauss() : 250 + 15 * gauss();
        before[0][i] = Math.round(ground + 10 * gauss());
        // before = 0.9 · after + 40, in whole digital numbers like the files.
        after[0][i] = Math.round((ground - 40) / 0.9 + 10 * gauss() + (i % 7 === 0 ? 200 : 0));
      }
      gains.push(fitRelativeNormalisation(before, after).gain[0]);
    }
    // The median and MAD gave 0.89–1.00 (five samples exactly 1); moments on the least-changed
    // share alone 0.96 on every sample.
    for (const g of gains) expect(Math.abs(g - 0.9)).toBeLessThan(0.035);
  });
});

/**
 * Otsu's threshold (Otsu 1979, "A threshold selection method from gray-level histograms"): the value
 * that maximises the between-class variance of a 1-D sample, in the sample's own units. Values outside
 * [lo, hi] are clamped into the end bins; NaN values are skipped. Returns lo when the sample is empty
 * or constant.
 */
export function otsuThreshold(values: ArrayLike<number>, lo: number, hi: number, bins = 256): number {
  if (!(hi > lo)) return lo;
  const hist = new Float64Array(bins);
  const scale = bins / (hi - lo);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let k = Math.floor((v - lo) * scale);
    if (k < 0) k = 0;
    else if (k >= bins) k = bins - 1;
    hist[k]++;
    total++;
  }
  if (total === 0) return lo;
  let sumAll = 0;
  for (let k = 0; k < bins; k++) sumAll += k * hist[k];
  let w0 = 0;
  let sum0 = 0;
  let best = -1;
  let bestK = 0;
  for (let k = 0; k < bins - 1; k++) {
    w0 += hist[k];
    sum0 += k * hist[k];
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0;
    const m1 = (sumAll - sum0) / w1;
    const between = w0 * w1 * (m0 - m1) * (m0 - m1);
    if (between > best) {
      best = between;
      bestK = k;
    }
  }
  // Threshold at the upper edge of the last bin of the lower class.
  return best < 0 ? lo : lo + (bestK + 1) / scale;
}

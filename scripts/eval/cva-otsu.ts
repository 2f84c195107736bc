/**
 * The baseline every detector is compared with: plain change-vector analysis (Euclidean distance of
 * raw band differences) thresholded with Otsu over the valid pixels, nothing else.
 */
import type { BandStack } from '../../geo/types.ts';
import { otsuThreshold } from '../../geo/detect/otsu-threshold.ts';

export function cvaOtsu(before: BandStack, after: BandStack): Uint8Array {
  const n = before.width * before.height;
  const nb = Math.min(before.bands.length, after.bands.length);
  const mag = new Float32Array(n).fill(NaN);
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (!(before.valid[i] & after.valid[i])) continue;
    let s = 0;
    for (let b = 0; b < nb; b++) {
      const d = after.bands[b][i] - before.bands[b][i];
      s += d * d;
    }
    mag[i] = Math.sqrt(s);
    if (mag[i] > hi) hi = mag[i];
  }
  const t = otsuThreshold(mag, 0, hi, 1024);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = mag[i] > t ? 1 : 0;
  return out;
}

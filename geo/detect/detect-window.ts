/**
 * Second pass of the two-pass detector: per-pixel change over a window's outer extent with the
 * scene model from `fitSceneModel`. Output is a ChangeRaster the same size as the stacks (pixel
 * frame of the window); only the core (halo ≥ `detectHalo`) is guaranteed equal to whole-image
 * processing. Pixels invalid in either date are never change.
 */
import type { BandRoles, BandStack, ChangeRaster } from '../types.ts';
import { changeFields, FILLED, SUPPRESSED, VALID } from './change-fields.ts';
import { dilateSquare, openClose } from './open-close.ts';
import { pixelChangeClass } from './pixel-change-class.ts';
import type { SceneModel } from './scene-model.ts';

export function detectWindow(
  before: BandStack,
  after: BandStack,
  roles: BandRoles,
  model: SceneModel,
  _opts: { pixelSizeM: number },
): ChangeRaster {
  const w = before.width;
  const h = before.height;
  const n = w * h;
  const T = model.threshold;
  // Local hysteresis: pixels above lowRatio·T count when within growRadius of a pixel above T.
  const TL = T * model.lowRatio;
  // Indices and flags only where they can matter: candidates now, closing-filled pixels below.
  const f = changeFields(before, after, roles, model, TL * TL, TL * TL);
  const raw = new Uint8Array(n);
  const mag = f.magnitude;
  const flags = f.flags;
  const OK = VALID | FILLED;
  for (let i = 0; i < n; i++) raw[i] = (flags[i] & (OK | SUPPRESSED)) === OK && mag[i] > T ? 1 : 0;
  if (model.lowRatio < 1 && model.growRadius > 0) {
    const near = dilateSquare(raw, w, h, model.growRadius);
    for (let i = 0; i < n; i++) raw[i] = near[i] && (flags[i] & (OK | SUPPRESSED)) === OK && mag[i] > TL ? 1 : 0;
  }
  const mask = openClose(raw, w, h, model.morphRadius, model.closeRadius);
  const changeClass = new Uint8Array(n);
  const strong = new Float32Array(n);
  const wt = model.waterThreshold ?? Infinity;
  const T2 = 2 * T;
  for (let i = 0; i < n; i++) {
    if (!(flags[i] & VALID)) {
      mask[i] = 0;
      changeClass[i] = 4;
      continue;
    }
    if (!mask[i]) {
      changeClass[i] = 4;
      continue;
    }
    if (!(flags[i] & FILLED)) f.fill(i);
    // Closing may bridge into explained pixels; keep them out so shadows/seasonal areas never count.
    if (flags[i] & SUPPRESSED) mask[i] = 0;
    if (mag[i] >= T2) strong[i] = 1;
    changeClass[i] = pixelChangeClass(
      f.vegBefore[i], f.vegAfter[i], f.waterBefore[i], f.waterAfter[i],
      f.rednessBefore[i], f.rednessAfter[i], model.vegThreshold, wt, model.soilRedness,
    );
  }
  // Features are defined on mask pixels (what the vectoriser sums); elsewhere only magnitude is.
  return {
    width: w,
    height: h,
    mask,
    changeClass,
    features: [mag, f.vegBefore, f.vegAfter, f.waterBefore, f.waterAfter, f.logBrightness, f.angle, strong],
  };
}

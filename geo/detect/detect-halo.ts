import { RIM_REACH } from './detect-window.ts';
import type { SceneModel } from './scene-model.ts';
import { orphanReach } from './orphan-shadows.ts';

/**
 * Halo in pixels a window needs around its core so that `detectWindow`'s core results equal those of
 * the whole image: the smoothing and best-match radii, the hysteresis growth, opening (twice its
 * radius), the one-pixel edge ring, the rim ring's reference pixels, vanished shadows joining within
 * the growth radius, then closing (twice its radius); or, where shadows are tested for a vanished
 * caster, what that test and the body it starts reach (orphanReach), when more.
 */
export function detectHalo(model: SceneModel, _opts?: { pixelSizeM: number }): number {
  const chain = model.smoothRadius + model.matchRadius + 2 * model.growRadius + 2 * model.morphRadius + 1 + RIM_REACH + 2 * model.closeRadius;
  return Math.max(chain, orphanReach(model));
}

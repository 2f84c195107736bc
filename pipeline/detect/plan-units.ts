import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { detectHalo } from '../../geo/detect/detect-halo.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import { haloWindows } from '../../geo/raster/halo-windows.ts';
import type { Grid, HaloWindow } from '../../geo/types.ts';
import type { ResolvedDetectOptions } from './detect-options.ts';

/** Cuts the pair's grid into work units: cores tile the grid, halos are as wide as detection needs. */
export function planUnits(grid: Grid, model: SceneModel, opts: ResolvedDetectOptions): HaloWindow[] {
  const halo = detectHalo(model, { pixelSizeM: pixelSizeM(grid) });
  return haloWindows(grid.width, grid.height, opts.windowSize, halo);
}

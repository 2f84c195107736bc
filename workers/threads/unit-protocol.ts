/** Messages between the unit pool and its worker threads (structured-clone data only). */
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { HaloWindow } from '../../geo/types.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import type { CellSums } from '../../geo/raster/cell-sums.ts';

export type PoolRequest =
  // cacheBytes: decoded-tile cache per image (sent rather than imported, so the thread loads only
  // what units need: pipeline/detect/detect-scene.ts pulls in proj4 and the patch assembly).
  // pictureCell: see detectUnit (absent: no pictures).
  | { type: 'init'; beforePath: string; afterPath: string; masks?: PairMasks; bands?: string; cacheBytes: number; pictureCell?: number }
  // After init, before the first unit (the model may still be fitting while threads open the pair).
  | { type: 'model'; model: SceneModel }
  | { type: 'unit'; id: number; win: HaloWindow }
  | { type: 'close' };

export type PoolResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; pieces: PatchPiece[]; maskedPixels: number; picture: CellSums | null }
  | { type: 'error'; id: number; error: { name: string; message: string; code?: string } };

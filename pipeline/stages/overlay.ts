/**
 * Stage 6: overlay and rules. Records which layer versions the run uses (once: a re-run keeps them),
 * overlays every patch with them and applies the rules (set-based SQL in pipeline/overlay).
 * Idempotent: it rewrites each patch's overlay and verdict columns.
 */
import { overlayPatches, type OverlayResult } from '../overlay/overlay-patches.ts';
import type { RunInput } from '../runs/run-params.ts';
import type { StageDef, StageHandler } from '../types.ts';

export const overlay: StageHandler<RunInput, OverlayResult> = async ({ runId }, ctx) => {
  const r = await overlayPatches(ctx.db, runId, { onProgress: (done, total) => ctx.progress({ done, total, label: `overlay ${done}/${total}` }) });
  return r;
};

export const overlayStage = {
  name: 'overlay',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 900_000,
  handler: overlay,
} as const satisfies StageDef<RunInput, OverlayResult>;

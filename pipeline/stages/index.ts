/**
 * The stage definitions in pipeline order. Both executors (in-process and BullMQ) look stages up
 * here and call them through runStage / runUnit, so bookkeeping is identical.
 */
import type { QueueStage } from '../runs/run-params.ts';
import { catalogueStage } from './catalogue.ts';
import { cluesStage } from './clues.ts';
import { cutStage } from './cut.ts';
import { detectStage } from './detect.ts';
import { evidenceStage } from './evidence.ts';
import { exportStage } from './export.ts';
import { mergeStage } from './merge.ts';
import { overlayStage } from './overlay.ts';
import { pairStage } from './pair.ts';

export { catalogueStage, cluesStage, cutStage, detectStage, evidenceStage, exportStage, mergeStage, overlayStage, pairStage };

/**
 * Run-level stages (input {runId}) by name; `detect` runs per batch of units and is separate.
 * `evidence` here is the stage's last job; its batches (evidenceBatchStage) run before it.
 */
export const RUN_STAGES = {
  catalogue: catalogueStage,
  pair: pairStage,
  cut: cutStage,
  merge: mergeStage,
  overlay: overlayStage,
  clues: cluesStage,
  evidence: evidenceStage,
} as const;

export type RunStageName = keyof typeof RUN_STAGES;

/** The definition (attempts, backoff, timeout) of any queue stage. */
export function stageDef(name: QueueStage) {
  return name === 'detect' ? detectStage : RUN_STAGES[name];
}

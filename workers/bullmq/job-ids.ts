/**
 * Deterministic job ids. The generation (bumped by each submission) keeps a resubmission from
 * colliding with jobs of an earlier, lost or failed one. BullMQ forbids ':' in custom ids.
 */
import type { QueueStage } from '../../pipeline/runs/run-params.ts';

export function stageJobId(runId: string, gen: number, stage: QueueStage): string {
  return `${runId}.g${gen}.${stage}`;
}

export function cutPairJobId(runId: string, gen: number, pairId: string): string {
  return `${runId}.g${gen}.c.${pairId}`;
}

/** A batch of units is named by its first unit (a unit is in one batch of a generation). */
export function unitBatchJobId(runId: string, gen: number, firstUnitId: string): string {
  return `${runId}.g${gen}.u.${firstUnitId}`;
}

export function evidenceBatchJobId(runId: string, gen: number, from: string): string {
  return `${runId}.g${gen}.e.${from}`;
}

/** Job data: references only. */
export interface StageJobData {
  runId: string;
  gen: number;
}

/** One pair's cut. */
export interface CutPairJobData extends StageJobData {
  pairId: string;
}

/** A batch of neighbouring units (unitBatches): a few ids. */
export interface UnitBatchJobData extends StageJobData {
  unitIds: string[];
}

/** An evidence batch: the run's clues with JCBH in [from, to]. */
export interface EvidenceBatchJobData extends StageJobData {
  from: string;
  to: string;
}

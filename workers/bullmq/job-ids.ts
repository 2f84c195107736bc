/**
 * Deterministic job ids. The generation (bumped by each submission) keeps a resubmission from
 * colliding with jobs of an earlier, lost or failed one. BullMQ forbids ':' in custom ids.
 */
import type { QueueStage } from '../../pipeline/runs/run-params.ts';

export function stageJobId(runId: string, gen: number, stage: QueueStage): string {
  return `${runId}.g${gen}.${stage}`;
}

export function unitJobId(runId: string, gen: number, unitId: string): string {
  return `${runId}.g${gen}.u.${unitId}`;
}

export function evidenceBatchJobId(runId: string, gen: number, from: string): string {
  return `${runId}.g${gen}.e.${from}`;
}

/** Job data: references only. */
export interface StageJobData {
  runId: string;
  gen: number;
}

export interface UnitJobData extends StageJobData {
  unitId: string;
}

/** An evidence batch: the run's clues with JCBH in [from, to]. */
export interface EvidenceBatchJobData extends StageJobData {
  from: string;
  to: string;
}

/**
 * A run as one BullMQ flow, built from the database state (so the same code submits a new run and
 * resumes a broken one). Parents run after their children, so the chain is nested with the last
 * stage on top: evidence ← (batches | clues ← overlay ← merge ← (unit batches | cut ← pair ←
 * catalogue)). Done stages are left out. When the units are not known yet, the cut job adds a job
 * per pair to cut as children of the merge job (which waits in 'waiting-children' while cut is its
 * pending child), and each of those its pair's unit batches; the clues job adds the evidence batches
 * to the evidence job the same way.
 */
import type { FlowJobNode, FlowJob } from 'bullmq';
import { QUEUE_STAGES, type QueueStage } from '../../pipeline/runs/run-params.ts';
import { stageDef } from '../../pipeline/stages/index.ts';
import type { EvidenceBatchInput } from '../../pipeline/runs/run-params.ts';
import { evidenceBatchStage } from '../../pipeline/stages/evidence.ts';
import { cutPairJobId, evidenceBatchJobId, stageJobId, unitBatchJobId, type CutPairJobData, type EvidenceBatchJobData, type StageJobData, type UnitBatchJobData } from './job-ids.ts';
import { chainOptions, unitOptions } from './job-options.ts';

export interface FlowState {
  runId: string;
  gen: number;
  prefix: string;
  done: ReadonlySet<QueueStage>;
  /** Units to detect as batch jobs (pendingUnitBatches), when cut is done. */
  unitBatches: readonly string[][];
  /** Evidence batches to render, when clues is done. */
  pendingBatches: readonly EvidenceBatchInput[];
}

/** One pair's cut: like the cut job, its failure for good fails its parent (the merge) and so the run. */
export function cutPairJob(runId: string, gen: number, pairId: string, prefix?: string): FlowJobNode {
  const data: CutPairJobData = { runId, gen, pairId };
  return { name: 'pair', queueName: 'cut', data, prefix, opts: chainOptions(stageDef('cut'), cutPairJobId(runId, gen, pairId)) };
}

export function unitBatchJob(runId: string, gen: number, unitIds: string[], prefix?: string): FlowJobNode {
  const data: UnitBatchJobData = { runId, gen, unitIds };
  return { name: 'units', queueName: 'detect', data, prefix, opts: unitOptions(stageDef('detect'), unitBatchJobId(runId, gen, unitIds[0])) };
}

/** A batch fails alone, like a unit batch: its clues go without pictures and the run goes on. */
export function evidenceBatchJob(gen: number, b: EvidenceBatchInput, prefix?: string): FlowJobNode {
  const data: EvidenceBatchJobData = { runId: b.runId, gen, from: b.from, to: b.to };
  return { name: 'batch', queueName: 'evidence', data, prefix, opts: unitOptions(evidenceBatchStage, evidenceBatchJobId(b.runId, gen, b.from)) };
}

/** The flow of a run's remaining work, or undefined when nothing remains. */
export function buildFlow(s: FlowState): FlowJob | undefined {
  const data: StageJobData = { runId: s.runId, gen: s.gen };
  let child: FlowJobNode[] = [];
  for (const stage of QUEUE_STAGES) {
    if (stage === 'detect') {
      // Unit batches known (cut done) become the merge's children; otherwise cut will add them.
      if (s.done.has('cut') && !s.done.has('detect')) child = s.unitBatches.map((b) => unitBatchJob(s.runId, s.gen, b, s.prefix));
      continue;
    }
    if (s.done.has(stage)) continue;
    // Batches known (clues done) become the evidence job's children; otherwise clues will add them.
    if (stage === 'evidence' && s.done.has('clues')) child = s.pendingBatches.map((b) => evidenceBatchJob(s.gen, b, s.prefix));
    const base = { name: stage, queueName: stage, data, prefix: s.prefix, opts: chainOptions(stageDef(stage), stageJobId(s.runId, s.gen, stage)) };
    child = [child.length > 0 ? { ...base, children: child } : base];
  }
  return child[0] as FlowJob | undefined;
}

/**
 * A run as one BullMQ flow, built from the database state (so the same code submits a new run and
 * resumes a broken one). Parents run after their children, so the chain is nested with the last
 * stage on top: evidence ← (batches | clues ← overlay ← merge ← (units | cut ← pair ← catalogue)).
 * Done stages are left out. When the units are not known yet, the cut job adds them as children of
 * the merge job (which waits in 'waiting-children' while cut is its pending child); the clues job
 * adds the evidence batches to the evidence job the same way.
 */
import type { FlowJobNode, FlowJob } from 'bullmq';
import { QUEUE_STAGES, type QueueStage } from '../../pipeline/runs/run-params.ts';
import { stageDef } from '../../pipeline/stages/index.ts';
import type { EvidenceBatchInput } from '../../pipeline/runs/run-params.ts';
import { evidenceBatchStage } from '../../pipeline/stages/evidence.ts';
import { evidenceBatchJobId, stageJobId, unitJobId, type EvidenceBatchJobData, type StageJobData, type UnitJobData } from './job-ids.ts';
import { chainOptions, unitOptions } from './job-options.ts';

export interface FlowState {
  runId: string;
  gen: number;
  prefix: string;
  done: ReadonlySet<QueueStage>;
  /** Units to detect, when cut is done. */
  pendingUnits: readonly string[];
  /** Evidence batches to render, when clues is done. */
  pendingBatches: readonly EvidenceBatchInput[];
}

export function unitJob(runId: string, gen: number, unitId: string, prefix?: string): FlowJobNode {
  const data: UnitJobData = { runId, gen, unitId };
  return { name: 'unit', queueName: 'detect', data, prefix, opts: unitOptions(stageDef('detect'), unitJobId(runId, gen, unitId)) };
}

/** A batch fails alone, like a unit: its clues go without pictures and the run goes on. */
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
      // Units known (cut done) become the merge's children; otherwise cut will add them.
      if (s.done.has('cut') && !s.done.has('detect')) child = s.pendingUnits.map((u) => unitJob(s.runId, s.gen, u, s.prefix));
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

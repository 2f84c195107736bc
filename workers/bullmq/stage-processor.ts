/**
 * The BullMQ adapter around the stage handlers: one processor per stage, usable inline in a Worker
 * or as a sandboxed processor (a child process, for pixel work: the parent keeps renewing locks).
 * - the handler gets {db, signal, progress} (and a pair's cut unitsReady), never the Job;
 * - InputError → UnrecoverableError (never retried); anything else is retried with backoff;
 * - each failed attempt is recorded in the database, the last one for good (units failed; stage and
 *   run failed);
 * - the cut job cuts the first pair still to cut and adds a job for each other (the cut queue
 *   carries both: job name 'cut' or 'pair') as children of the merge job; each queues its pair's
 *   unit batches once it is cut;
 *   after clues, the evidence batches as children of the evidence job (the evidence queue carries
 *   both: job name 'batch' or 'evidence').
 */
import { Queue, UnrecoverableError, type FlowJobNode, type Job } from 'bullmq';
import { InputError, oneLine, TransientError } from '../../pipeline/errors.ts';
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { stageDef } from '../../pipeline/stages/index.ts';
import { evidenceBatchStage, pendingEvidenceBatches } from '../../pipeline/stages/evidence.ts';
import { recordFailure, runCutPair, runEvidenceBatch, runStage, runUnitBatch, startCut } from '../../pipeline/stages/run-stage.ts';
import type { Db } from '../../pipeline/store/db.ts';
import type { Progress, StageContext } from '../../pipeline/types.ts';
import { cutPairJob, evidenceBatchJob, unitBatchJob } from './flow.ts';
import { stageJobId, type CutPairJobData, type EvidenceBatchJobData, type StageJobData, type UnitBatchJobData } from './job-ids.ts';

export interface ProcessorEnv {
  db: Db;
  prefix: string;
  /** A stage queue (for cut to add units, for clues to add evidence batches). */
  queue(name: QueueStage): Queue;
}

type AnyJob = Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts' | 'updateProgress'>;

export function stageProcessor(stage: QueueStage, env: () => Promise<ProcessorEnv>): (job: AnyJob) => Promise<unknown> {
  return async (job) => {
    const e = await env();
    const data = job.data as StageJobData | CutPairJobData | UnitBatchJobData | EvidenceBatchJobData;
    const def = job.name === 'batch' ? evidenceBatchStage : stageDef(stage);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(new TransientError('IO_FAILED', `${stage} exceeded ${def.timeoutMs} ms`)), def.timeoutMs);
    let lastProgress = 0;
    const ctx: StageContext = {
      db: e.db,
      signal: ctrl.signal,
      progress: (p: Progress) => {
        if (Date.now() - lastProgress < 1000) return;
        lastProgress = Date.now();
        Promise.resolve(job.updateProgress({ ...p })).catch(() => undefined);
      },
    };
    try {
      if (stage === 'detect') return await runUnitBatch({ runId: data.runId, unitIds: (data as UnitBatchJobData).unitIds }, ctx);
      if ('from' in data) return await runEvidenceBatch({ runId: data.runId, from: data.from, to: data.to }, ctx);
      const unitsReady = (batches: string[][]) => addUnitBatches(e, data, batches);
      if ('pairId' in data) return await runCutPair({ runId: data.runId, pairId: data.pairId }, { ...ctx, unitsReady });
      if (stage === 'cut') {
        const { pairIds, unitBatches } = await startCut({ runId: data.runId }, ctx);
        // The first pair is cut here: a run of one pair starts detecting without another job's hop.
        const [first, ...rest] = pairIds;
        await addChildren(e, data, 'merge', 'cut', rest.map((p) => cutPairJob(data.runId, data.gen, p)));
        await addUnitBatches(e, data, unitBatches);
        if (first !== undefined) await runCutPair({ runId: data.runId, pairId: first }, { ...ctx, unitsReady });
        return { pairs: pairIds.length };
      }
      const out = await runStage(stage, { runId: data.runId }, ctx);
      if (stage === 'clues') await addEvidenceBatches(e, data);
      return out;
    } catch (err) {
      const final = err instanceof InputError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const input = 'unitIds' in data ? { runId: data.runId, unitIds: data.unitIds } : 'from' in data ? { runId: data.runId, from: data.from, to: data.to } : { runId: data.runId };
      await recordFailure(ctx, stage, input, err, final).catch(() => undefined);
      if (err instanceof InputError) throw new UnrecoverableError(oneLine(err));
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Adds jobs to `queue` as children of this generation's `parent` stage job (merge for pair cuts and
 * unit batches, evidence for evidence batches); ids are deterministic, so a retried job adds
 * nothing twice.
 */
async function addChildren(e: ProcessorEnv, data: StageJobData, parent: QueueStage, queue: QueueStage, jobs: FlowJobNode[]): Promise<void> {
  const to = { id: stageJobId(data.runId, data.gen, parent), queue: `${e.prefix}:${parent}` };
  for (let i = 0; i < jobs.length; i += 500) {
    await e.queue(queue).addBulk(jobs.slice(i, i + 500).map((j) => ({ name: j.name, data: j.data, opts: { ...j.opts, parent: to } })));
  }
}

function addUnitBatches(e: ProcessorEnv, data: StageJobData, batches: string[][]): Promise<void> {
  return addChildren(e, data, 'merge', 'detect', batches.map((b) => unitBatchJob(data.runId, data.gen, b)));
}

async function addEvidenceBatches(e: ProcessorEnv, data: StageJobData): Promise<void> {
  const batches = await pendingEvidenceBatches(e.db, data.runId);
  await addChildren(e, data, 'evidence', 'evidence', batches.map((b) => evidenceBatchJob(data.gen, b)));
}

/**
 * Submits a run's remaining work as a new generation of its flow, from the database state: used
 * by `run`, by `resume`, and by the waiter's watchdog when Redis lost the run (e.g. a restart
 * without persistence).
 */
import type { FlowProducer } from 'bullmq';
import { loadRun } from '../../pipeline/runs/load-run.ts';
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { reopenRun } from '../../pipeline/runs/reopen-run.ts';
import { runStatus } from '../../pipeline/runs/run-status.ts';
import { pendingUnitBatches } from '../../pipeline/stages/detect.ts';
import { pendingEvidenceBatches } from '../../pipeline/stages/evidence.ts';
import type { Db } from '../../pipeline/store/db.ts';
import { buildFlow } from './flow.ts';

/** Returns the new generation, or undefined when nothing remains to queue. */
export async function submitRun(db: Db, flows: FlowProducer, runId: string, prefix: string): Promise<number | undefined> {
  const run = await loadRun(db, runId);
  if (run.status === 'finished') return undefined;
  const gen = await reopenRun(db, runId);
  const status = await runStatus(db, runId);
  const done = new Set(status.stages.filter((s) => s.status === 'done').map((s) => s.stage as QueueStage));
  const unitBatches = await pendingUnitBatches(db, runId);
  const pendingBatches = done.has('clues') ? await pendingEvidenceBatches(db, runId) : [];
  const flow = buildFlow({ runId, gen, prefix, done, unitBatches, pendingBatches });
  if (!flow) return undefined;
  await flows.add(flow);
  return gen;
}

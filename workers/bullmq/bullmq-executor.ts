/**
 * The BullMQ executor: submits a run as a flow and waits for the workers (`landwatch worker`) to
 * finish it, reading progress from the database. A watchdog resubmits the remaining work when the
 * run's top job vanished from Redis (a restart without persistence) or failed without the database
 * knowing (e.g. a job that stalled too often); done work is never redone.
 */
import { FlowProducer, Queue } from 'bullmq';
import { loadRun } from '../../pipeline/runs/load-run.ts';
import { stageError } from '../../pipeline/runs/stage-status.ts';
import { LAST_QUEUE_STAGE } from '../../pipeline/stages/run-stage.ts';
import type { Store } from '../../pipeline/store/db.ts';
import { watchRun, type Executor } from '../executor-api.ts';
import { queuePrefix, redisConnection } from './connection.ts';
import { stageJobId } from './job-ids.ts';
import { submitRun } from './submit-run.ts';

const WATCHDOG_MS = 3000;
const MAX_RESUBMITS = 20;

export function bullmqExecutor(store: Store, opts: { redisUrl: string; prefix?: string; log?: (line: string) => void }): Executor {
  const prefix = queuePrefix(opts.prefix);
  const log = opts.log ?? ((line: string) => process.stderr.write(`landwatch: ${line}\n`));
  const connection = redisConnection(opts.redisUrl);
  const flows = new FlowProducer({ connection, prefix });
  const top = new Queue(LAST_QUEUE_STAGE, { connection, prefix });
  // Connection errors while Redis restarts: commands wait and the watchdog looks again later.
  flows.on('error', () => undefined);
  top.on('error', () => undefined);

  /** State of the current generation's top job ('unknown' when Redis does not have it). */
  const topState = async (runId: string): Promise<string> => {
    const run = await loadRun(store, runId);
    return top.getJobState(stageJobId(runId, run.generation, LAST_QUEUE_STAGE));
  };

  const submit: Executor['submit'] = async (runId, o = {}) => {
    if (!o.force) {
      const run = await loadRun(store, runId);
      if (run.generation > 0) {
        const state = await topState(runId);
        if (state !== 'unknown' && state !== 'failed') return false; // a live submission exists
      }
    }
    return (await submitRun(store, flows, runId, prefix)) !== undefined;
  };

  return {
    kind: 'bullmq',
    submit,
    async run(runId, watch = {}) {
      await submit(runId);
      let lastCheck = Date.now();
      let resubmits = 0;
      const watchdog = async () => {
        if (Date.now() - lastCheck < WATCHDOG_MS) return;
        lastCheck = Date.now();
        let state: string;
        try {
          state = await topState(runId);
        } catch {
          return; // Redis unreachable right now: look again next time
        }
        if (state !== 'unknown' && state !== 'failed') return;
        const run = await loadRun(store, runId); // finished between the two reads?
        if (run.status === 'finished' || run.status === 'failed') return;
        if (++resubmits > MAX_RESUBMITS) {
          await stageError(store, runId, LAST_QUEUE_STAGE, new Error(`the queue lost or failed the run ${MAX_RESUBMITS} times`), true);
          return;
        }
        log(`run ${runId}: its jobs are ${state === 'failed' ? 'failed' : 'gone'} in Redis; resubmitting the remaining work`);
        await submitRun(store, flows, runId, prefix).catch((err) => log(`resubmit failed: ${(err as Error).message}`));
      };
      return watchRun(store, runId, watch, watchdog);
    },
    async close() {
      await top.close().catch(() => undefined);
      await flows.close().catch(() => undefined);
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

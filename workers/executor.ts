/**
 * The executor seam: `landwatch run`, `resume` and the demo drive a run through this interface and
 * never know whether stages run in this process or on BullMQ workers.
 * - REDIS_URL set: BullMQ (needs DATABASE_URL: the embedded store is single-process).
 * - otherwise: in-process, the embedded default.
 */
import { InputError } from '../pipeline/errors.ts';
import type { Store } from '../pipeline/store/db.ts';
import { bullmqExecutor } from './bullmq/bullmq-executor.ts';
import type { Executor } from './executor-api.ts';
import { inProcessExecutor } from './in-process.ts';

export type { Executor, RunWatch } from './executor-api.ts';

export interface ExecutorOptions {
  /** Redis URL; selects BullMQ. Default: env REDIS_URL. */
  redisUrl?: string;
  /** Queue key prefix. Default: env LANDWATCH_QUEUE_PREFIX, else 'landwatch'. */
  prefix?: string;
  /** In-process detection threads. Default: available parallelism. */
  threads?: number;
}

export async function openExecutor(store: Store, opts: ExecutorOptions = {}): Promise<Executor> {
  const redisUrl = opts.redisUrl ?? process.env.REDIS_URL;
  if (redisUrl) {
    if (store.backend !== 'postgres') {
      throw new InputError('BAD_OPTION', 'REDIS_URL is set but DATABASE_URL is not: queue workers need a shared PostgreSQL (the embedded store is single-process); set DATABASE_URL or unset REDIS_URL');
    }
    return bullmqExecutor(store, { redisUrl, prefix: opts.prefix });
  }
  return inProcessExecutor(store, { threads: opts.threads });
}

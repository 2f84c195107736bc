/**
 * Starts one BullMQ Worker per stage queue in this process. Pixel stages (cut, detect, merge) run
 * as sandboxed processors in child processes, one per concurrent job, so a CPU-bound unit never
 * stops lock renewal; evidence batches too when several run at once (inline they shared this
 * process's one JavaScript thread: 1 worker × 2 on 2 cores rendered 475 clues in 19.9 s, against
 * 15.9 s in children; one at a time, inline saves the child's start, ≈ 1.4 s). The database-bound
 * stages run inline. Lock and stalled settings make a killed worker's job run again within about
 * 6–10 s (STACK.md).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'bullmq';
import { oneLine } from '../../pipeline/errors.ts';
import { QUEUE_STAGES, type QueueStage } from '../../pipeline/runs/run-params.ts';
import type { Db } from '../../pipeline/store/db.ts';
import { queuePrefix, redisConnection } from './connection.ts';
import { processEnv } from './process-env.ts';
import { V8_HEAP_FLAGS } from '../heap-flags.ts';
import { stageProcessor } from './stage-processor.ts';

/** Lock held by an active job, ms; renewed every lockDuration / 2 by the worker's event loop. */
export const LOCK_DURATION_MS = 5000;
/** How often each worker looks for jobs whose lock expired (their worker died), ms. */
export const STALLED_INTERVAL_MS = 2000;
/** Stalls tolerated per job before it fails: workers may be killed several times in one run. */
export const MAX_STALLED_COUNT = 10;

const SANDBOXED: ReadonlySet<QueueStage> = new Set(['cut', 'detect', 'merge']);

export interface StartWorkersOptions {
  /** Stages this process serves. Default: all queue stages. */
  stages?: readonly QueueStage[];
  /** Parallel detection units (and evidence batches) in this process. Default: available parallelism. */
  concurrency?: number;
  /** Queue key prefix. Default: env LANDWATCH_QUEUE_PREFIX, else 'landwatch'. */
  prefix?: string;
  /** Store for the inline stages; default: the process store from the environment. */
  db?: Db;
  /** Called with one line per job failure (logging). */
  log?: (line: string) => void;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, lets active ones finish (up to `graceMs`, then releases them), closes. */
  close(graceMs?: number): Promise<void>;
}

export function startWorkers(opts: StartWorkersOptions = {}): RunningWorkers {
  const prefix = queuePrefix(opts.prefix);
  const stages = opts.stages ?? QUEUE_STAGES;
  const concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
  const tsxLoader = import.meta.resolve('tsx');
  const childGuard = import.meta.resolve('./child-guard.mjs');
  const inlineEnv = async () => {
    const env = await processEnv();
    return opts.db ? { ...env, db: opts.db } : env;
  };
  const connections: ReturnType<typeof redisConnection>[] = [];
  const workers = stages.map((stage) => {
    const connection = redisConnection();
    connections.push(connection);
    const common: WorkerOptions = {
      connection,
      prefix,
      concurrency: stage === 'cut' || stage === 'detect' || stage === 'evidence' ? concurrency : 1,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      maxStalledCount: MAX_STALLED_COUNT,
    };
    const w = SANDBOXED.has(stage) || (stage === 'evidence' && concurrency > 1)
      ? new Worker(stage, fileURLToPath(new URL(`../processors/${stage}.ts`, import.meta.url)), {
          ...common,
          useWorkerThreads: false,
          workerForkOptions: { execArgv: [...V8_HEAP_FLAGS, '--import', tsxLoader, '--import', childGuard] },
        })
      : new Worker(stage, stageProcessor(stage, inlineEnv), common);
    w.on('error', (err) => opts.log?.(`worker ${stage}: ${oneLine(err)}`));
    w.on('failed', (job, err) => opts.log?.(`${stage} ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${oneLine(err)}`));
    return w;
  });
  return {
    workers,
    async close(graceMs = 30_000) {
      await Promise.all(workers.map((w) => w.pause(true).catch(() => undefined)));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
      const closed = Promise.all(workers.map((w) => w.close())).then(() => 'closed' as const);
      if ((await Promise.race([closed, grace])) === 'timeout') await Promise.all(workers.map((w) => w.close(true)));
      clearTimeout(timer);
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

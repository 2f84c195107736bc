/**
 * Per-process resources of a worker (or a sandboxed child): the store and the detect queue,
 * opened on first use from the environment: DATABASE_URL, LANDWATCH_DB_SCHEMA, REDIS_URL,
 * LANDWATCH_QUEUE_PREFIX (the `worker` command sets them, and children inherit them). The worker's
 * main process applies pending migrations; sandboxed children (they have an IPC channel) do not.
 */
import { Queue } from 'bullmq';
import type { Store } from '../../pipeline/store/db.ts';
import { openStore } from '../../pipeline/store/open-store.ts';
import { queuePrefix, redisConnection } from './connection.ts';
import type { ProcessorEnv } from './stage-processor.ts';

let env: Promise<ProcessorEnv & { close(): Promise<void> }> | undefined;

export function processEnv(): Promise<ProcessorEnv & { close(): Promise<void> }> {
  env ??= (async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('DATABASE_URL is not set in the worker process');
    const store: Store = await openStore({ databaseUrl, schema: process.env.LANDWATCH_DB_SCHEMA || undefined, poolSize: 2, migrate: !process.send });
    const prefix = queuePrefix();
    let queue: Queue | undefined;
    return {
      db: store,
      prefix,
      detectQueue: () => {
        if (!queue) {
          queue = new Queue('detect', { connection: redisConnection(), prefix });
          queue.on('error', () => undefined); // reconnects; adds wait meanwhile
        }
        return queue;
      },
      async close() {
        await queue?.close();
        await store.close();
      },
    };
  })();
  return env;
}

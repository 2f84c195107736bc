/**
 * Per-process resources of a worker (or a sandboxed child): the store and the queues jobs are added to,
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
    const queues = new Map<string, Queue>();
    return {
      db: store,
      prefix,
      queue: (name) => {
        let q = queues.get(name);
        if (!q) {
          q = new Queue(name, { connection: redisConnection(), prefix });
          q.on('error', () => undefined); // reconnects; adds wait meanwhile
          queues.set(name, q);
        }
        return q;
      },
      async close() {
        await Promise.all([...queues.values()].map((q) => q.close()));
        await store.close();
      },
    };
  })();
  return env;
}

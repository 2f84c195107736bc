/**
 * Redis connections and queue naming. Every Queue, Worker and FlowProducer of landwatch is built
 * from these, so prefix and connection settings stay in one place.
 */
import { Redis } from 'ioredis';

/** Queue key prefix: tests use a random one each. Default: env LANDWATCH_QUEUE_PREFIX, else 'landwatch'. */
export function queuePrefix(prefix?: string): string {
  return prefix ?? process.env.LANDWATCH_QUEUE_PREFIX ?? 'landwatch';
}

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` is required by workers (blocking commands
 * must wait out a Redis restart instead of failing); reconnects back off up to 2 s.
 */
export function redisConnection(url: string = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Redis {
  const conn = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(2000, 100 * times),
  });
  conn.on('error', () => undefined); // reconnects on its own; commands wait meanwhile
  return conn;
}

/**
 * Collects 'delivered' acknowledgements and writes them in batches (one UPDATE per batch instead of
 * one per record), flushed when `maxBatch` are waiting or `maxDelayMs` after the first. A crash
 * before a flush only means those records are POSTed again with the same Idempotency-Key.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';

export interface AckBatcher {
  add(id: string, status: number, body: string): Promise<void>;
  /** Writes whatever is waiting; resolves when it is stored. */
  flush(): Promise<void>;
}

export function ackBatcher(db: Db, maxBatch = 64, maxDelayMs = 20): AckBatcher {
  let ids: string[] = [];
  let statuses: number[] = [];
  let bodies: string[] = [];
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (ids.length === 0) return;
    const batch = { ids, statuses, bodies, waiters };
    ids = [];
    statuses = [];
    bodies = [];
    waiters = [];
    try {
      await db.query(sql('outbox-mark-delivered-many'), [batch.ids, batch.statuses, batch.bodies]);
      for (const w of batch.waiters) w.resolve();
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  };

  return {
    add(id, status, body) {
      return new Promise<void>((resolve, reject) => {
        ids.push(id);
        statuses.push(status);
        bodies.push(body);
        waiters.push({ resolve, reject });
        if (ids.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelayMs);
      });
    },
    flush,
  };
}

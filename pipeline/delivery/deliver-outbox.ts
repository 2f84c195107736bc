/**
 * The outbox's read side: claims due rows (SKIP LOCKED, with a lease), POSTs each with
 * `Idempotency-Key: <JCBH>:<version>` and an HMAC signature, and records the outcome. Up to
 * `concurrency` requests are in flight, each with its own timeout, so a receiver that never answers
 * holds one slot for at most `timeoutMs` and never blocks the others. Failed attempts come back
 * after exponential backoff; a 4xx is recorded as rejected with the response body.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { TransientError } from '../errors.ts';
import { clueRecordProblems } from '../clues/validate-clue.ts';
import { ackBatcher } from './ack-batcher.ts';
import { postRecord, type AttemptOutcome } from './post-record.ts';

export interface DeliverOptions {
  /** Receiver URL (http or https). */
  url: string;
  /** HMAC-SHA256 key for X-Landwatch-Signature. Default: unset (no signature header). */
  secret?: string;
  /** Requests in flight at once. Default: 4. */
  concurrency?: number;
  /** Per-request timeout in ms. Default: 10000. */
  timeoutMs?: number;
  /** Exponential backoff: first retry after about this many ms. Default: 1000. */
  backoffMs?: number;
  /** Upper bound of one backoff delay in ms. Default: 300000 (5 min). */
  maxBackoffMs?: number;
  /**
   * Attempts per row before this deliverer stops trying it (the row stays pending and visible; a
   * later run picks it up again). Default: unlimited.
   */
  maxAttempts?: number;
  /** Drain: return when nothing is pending (or only exhausted rows are). Default: false (run until `signal`). */
  once?: boolean;
  /** How long a claim lasts before another deliverer may take the row, ms. Default: 2·timeoutMs + 5000. */
  leaseMs?: number;
  /** How often an idle worker looks for new rows, ms. Default: 1000. */
  pollMs?: number;
  /** Stops the loop; in-flight requests are aborted and their rows come back after the lease. */
  signal?: AbortSignal;
  /** Called after every attempt (for progress and logs). */
  onAttempt?: (row: { jcbh: string; version: number; attempts: number }, outcome: AttemptOutcome) => void;
}

export interface DeliverSummary {
  attempts: number;
  delivered: number;
  rejected: number;
  retried: number;
  /** Still pending in the outbox when the loop ended. */
  pending: number;
  /** Pending rows that reached maxAttempts. */
  exhausted: number;
  elapsedMs: number;
}

interface ClaimedRow {
  id: string;
  jcbh: string;
  version: number;
  payload: unknown;
  attempts: number;
}

interface OutboxSummary {
  pending: string;
  due: string;
  exhausted: string;
  next_due_in: number | null;
}

const INT_MAX = 2147483647;

/** Backoff for the n-th failed attempt (n ≥ 1) in ms: base·2^(n−1), capped, with 50–100 % jitter. */
export function backoffDelayMs(n: number, baseMs: number, maxMs: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, n - 1)));
  return raw * (0.5 + Math.random() * 0.5);
}

export async function deliverOutbox(db: Db, opts: DeliverOptions): Promise<DeliverSummary> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const timeoutMs = opts.timeoutMs ?? 10000;
  const backoffMs = opts.backoffMs ?? 1000;
  const maxBackoffMs = opts.maxBackoffMs ?? 300000;
  const maxAttempts = Math.min(INT_MAX, opts.maxAttempts ?? INT_MAX);
  const pollMs = opts.pollMs ?? 1000;
  // A claim outlives the request's own timeout plus the ack, so two deliverers never hold one row.
  const leaseS = (opts.leaseMs ?? timeoutMs * 2 + 5000) / 1000;
  const started = Date.now();
  const sum: DeliverSummary = { attempts: 0, delivered: 0, rejected: 0, retried: 0, pending: 0, exhausted: 0, elapsedMs: 0 };
  const inFlight = new Set<Promise<void>>();
  // Claimed rows waiting for a free slot: claims come in batches of `concurrency`, well inside the lease.
  const queue: ClaimedRow[] = [];
  const acks = ackBatcher(db);
  const pendingAcks = new Set<Promise<void>>();
  let wake: (() => void) | undefined;

  const attempt = async (row: ClaimedRow): Promise<void> => {
    const problems = clueRecordProblems(row.payload);
    if (problems.length > 0) {
      // Validated when queued, checked again before it is sent: an invalid record is refused visibly.
      await db.query(sql('outbox-mark-rejected'), [row.id, null, null, `not a valid clue.v1 record: ${problems.slice(0, 3).join('; ')}`]);
      sum.rejected += 1;
      return;
    }
    const body = JSON.stringify(row.payload);
    const outcome = await postRecord(body, `${row.jcbh}:${row.version}`, { url: opts.url, secret: opts.secret, timeoutMs, signal: opts.signal });
    sum.attempts += 1;
    // An aborted request leaves its row to its lease (re-POSTed later); a 2xx that did arrive is recorded.
    if (opts.signal?.aborted && outcome.kind !== 'delivered') return;
    if (outcome.kind === 'delivered') {
      // Not awaited: the slot is free for the next POST while the batch waits to be written.
      const ack = acks.add(row.id, outcome.status, outcome.body).then(
        () => void (sum.delivered += 1),
        (err: unknown) => process.emitWarning(`landwatch deliver: ack of ${row.jcbh}:${row.version} failed: ${(err as Error).message}`),
      );
      pendingAcks.add(ack);
      void ack.finally(() => pendingAcks.delete(ack));
    } else if (outcome.kind === 'rejected') {
      await db.query(sql('outbox-mark-rejected'), [row.id, outcome.status, outcome.body, `HTTP ${outcome.status}`]);
      sum.rejected += 1;
    } else {
      const delayS = backoffDelayMs(row.attempts, backoffMs, maxBackoffMs) / 1000;
      await db.query(sql('outbox-mark-retry'), [row.id, delayS, outcome.error, outcome.status, outcome.body]);
      sum.retried += 1;
    }
    opts.onAttempt?.({ jcbh: row.jcbh, version: row.version, attempts: row.attempts }, outcome);
  };

  const launch = (row: ClaimedRow): void => {
    const p: Promise<void> = attempt(row)
      .catch((err: unknown) => {
        // A store error while acking: the lease brings the row back; keep the loop alive.
        sum.retried += 1;
        process.emitWarning(`landwatch deliver: ack of ${row.jcbh}:${row.version} failed: ${(err as Error).message}`);
      })
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        wake = undefined;
        opts.signal?.removeEventListener('abort', done);
        resolve();
      }
      wake = done;
      opts.signal?.addEventListener('abort', done, { once: true });
    });

  let dbDown = 0;
  while (!opts.signal?.aborted) {
    try {
      if (queue.length === 0 && inFlight.size < concurrency) {
        queue.push(...(await db.query<ClaimedRow>(sql('outbox-claim'), [concurrency, leaseS, maxAttempts])).rows);
      }
      const claimed = queue.length;
      while (queue.length > 0 && inFlight.size < concurrency) launch(queue.shift() as ClaimedRow);
      dbDown = 0;
      if (claimed > 0 && inFlight.size < concurrency) continue;
      if (inFlight.size >= concurrency || queue.length > 0) {
        await sleep(pollMs); // woken as soon as a request finishes
        continue;
      }
      await acks.flush();
      await Promise.allSettled([...pendingAcks]);
      const s = (await db.query<OutboxSummary>(sql('outbox-summary'), [maxAttempts])).rows[0];
      if (opts.once && inFlight.size === 0 && Number(s.pending) === Number(s.exhausted)) break;
      const nextMs = s.next_due_in === null ? pollMs : Math.max(10, Math.min(pollMs, s.next_due_in * 1000));
      await sleep(Number(s.due) > 0 ? 0 : nextMs);
    } catch (err) {
      // A worker outlives a database restart; a one-off drain reports it instead.
      if (opts.once || !(err instanceof TransientError)) throw err;
      dbDown += 1;
      process.emitWarning(`landwatch deliver: ${err.message}; retrying`);
      await sleep(backoffDelayMs(dbDown, pollMs, 30000));
    }
  }
  await Promise.allSettled([...inFlight]);
  await acks.flush().catch(() => undefined); // unacknowledged rows come back after their lease
  await Promise.allSettled([...pendingAcks]);
  const s = (await db.query<OutboxSummary>(sql('outbox-summary'), [maxAttempts])).rows[0];
  sum.pending = Number(s.pending);
  sum.exhausted = Number(s.exhausted);
  sum.elapsedMs = Date.now() - started;
  return sum;
}

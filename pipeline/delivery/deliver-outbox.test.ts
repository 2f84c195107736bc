import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/db.ts';
import { seedRun } from '../clues/testkit.ts';
import { testStores } from '../store/test-helpers.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { enqueueClueRecords } from './enqueue-clue-records.ts';
import { startReceiver } from './test-receiver.ts';
import { sampleRecord } from './sample-record.ts';

// Real PostgreSQL only: two deliverers at once need a server with more than one connection.
const [backend] = testStores().filter((b) => b.name === 'postgres');
let store: Store;
const SECRET = 's3cret-键';

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function outboxCounts(): Promise<Record<string, number>> {
  const { rows } = await store.query<{ status: string; n: string }>('SELECT status, count(*) n FROM outbox GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

beforeAll(async () => {
  store = await backend.open();
});
afterAll(() => backend.close());

describe('deliverOutbox against a misbehaving receiver (real PostgreSQL)', () => {
  it('delivers every record once per Idempotency-Key, rejects 4xx, survives stalls, drops and 5xx', async () => {
    await store.query('TRUNCATE runs CASCADE');
    const jcbhs = await seedRun(store, 'd1', Array.from({ length: 60 }, () => ({})));
    expect(await store.tx((t) => enqueueClueRecords(t, 'd1'))).toBe(60);
    expect(await enqueueClueRecords(store, 'd1')).toBe(0); // idempotent
    const reject = (key: string): boolean => /7:1$/.test(key);
    const rx = await startReceiver({ fail5xx: 0.15, stall: 0.05, dropBefore: 0.1, dropAfter: 0.1, reject, secret: SECRET, random: prng(7) });
    try {
      const opts = { url: rx.url, secret: SECRET, concurrency: 4, timeoutMs: 300, backoffMs: 20, maxBackoffMs: 200, once: true, pollMs: 50 };
      // Two deliverers at once: SKIP LOCKED must keep them off each other's rows.
      const [a, b] = await Promise.all([deliverOutbox(store, opts), deliverOutbox(store, opts)]);
      const expectedRejected = jcbhs.filter((j) => reject(`${j}:1`));
      expect(a.pending + b.pending).toBe(0);
      expect(a.delivered + b.delivered).toBe(60 - expectedRejected.length);
      expect(await outboxCounts()).toEqual({ delivered: 60 - expectedRejected.length, rejected: expectedRejected.length });
      const accepted = jcbhs.filter((j) => !reject(`${j}:1`)).map((j) => `${j}:1`);
      expect([...rx.processed.keys()].sort()).toEqual(accepted.sort());
      expect([...rx.processed.values()].every((n) => n === 1)).toBe(true);
      expect(rx.badSignatures).toBe(0);
      expect([...rx.requests.values()].some((n) => n > 1)).toBe(true); // failures really happened
      const { rows } = await store.query<{ response_body: string; response_status: number }>("SELECT response_body, response_status FROM outbox WHERE status = 'rejected'");
      expect(rows.every((r) => r.response_status === 422 && r.response_body.includes('jurisdiction'))).toBe(true);
    } finally {
      await rx.close();
    }
  }, 60000);

  it('re-POSTs with the same key after a deliverer is stopped mid-flight (restart)', async () => {
    await store.query('TRUNCATE runs CASCADE');
    await seedRun(store, 'd2', Array.from({ length: 20 }, () => ({})));
    await enqueueClueRecords(store, 'd2');
    const rx = await startReceiver({ stall: 0.5, random: prng(3) });
    try {
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 150);
      const first = await deliverOutbox(store, { url: rx.url, concurrency: 4, timeoutMs: 5000, leaseMs: 400, signal: stop.signal, pollMs: 20 });
      expect(first.pending).toBeGreaterThan(0);
      const rx2 = await startReceiver({ dropAfter: 0.3, random: prng(5) });
      const second = await deliverOutbox(store, { url: rx2.url, concurrency: 4, timeoutMs: 500, backoffMs: 10, maxBackoffMs: 50, leaseMs: 400, once: true, pollMs: 20 });
      expect(second.pending).toBe(0);
      expect((await outboxCounts()).delivered).toBe(20);
      expect(rx2.processed.size + [...rx.processed.keys()].filter((k) => !rx2.processed.has(k)).length).toBe(20);
      await rx2.close();
    } finally {
      await rx.close();
    }
  }, 60000);

  it('as a worker, picks up records queued while it runs and stops on abort', async () => {
    await store.query('TRUNCATE runs CASCADE');
    const ids = await seedRun(store, 'd7', [{}, {}, {}]);
    const rx = await startReceiver({});
    try {
      const stop = new AbortController();
      const worker = deliverOutbox(store, { url: rx.url, pollMs: 30, signal: stop.signal });
      await new Promise((r) => setTimeout(r, 100));
      await store.tx((t) => enqueueClueRecords(t, 'd7')); // arrives while the worker idles
      // Until all three are acknowledged (a request still in flight at the abort is left to its lease).
      for (let i = 0; i < 300 && ((await outboxCounts()).delivered ?? 0) < 3; i++) await new Promise((r) => setTimeout(r, 30));
      stop.abort();
      const s = await worker;
      expect(s).toMatchObject({ delivered: 3, pending: 0 });
      expect([...rx.processed.keys()].sort()).toEqual(ids.map((j) => `${j}:1`).sort());
    } finally {
      await rx.close();
    }
  });

  it('never sends a payload that is not a valid clue.v1 record', async () => {
    await store.query('TRUNCATE runs CASCADE');
    const [j] = await seedRun(store, 'd6', [{}]);
    await store.query("INSERT INTO outbox (jcbh, version, payload) VALUES ($1, 9, '{\"schema\":\"clue.v1\"}')", [j]);
    const rx = await startReceiver({});
    try {
      const s = await deliverOutbox(store, { url: rx.url, once: true });
      expect(s).toMatchObject({ delivered: 0, rejected: 1, attempts: 0 });
      expect(rx.requests.size).toBe(0);
      const { rows } = await store.query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbox');
      expect(rows[0].status).toBe('rejected');
      expect(rows[0].last_error).toMatch(/not a valid clue.v1 record/);
    } finally {
      await rx.close();
    }
  });

  it('keeps rows pending and visible when the receiver refuses connections', async () => {
    await store.query('TRUNCATE runs CASCADE');
    await seedRun(store, 'd3', [{}, {}]);
    await enqueueClueRecords(store, 'd3');
    const rx = await startReceiver({});
    const url = rx.url;
    await rx.close(); // nothing listens there now
    const s = await deliverOutbox(store, { url, timeoutMs: 300, backoffMs: 5, maxBackoffMs: 10, maxAttempts: 3, once: true, pollMs: 10 });
    expect(s).toMatchObject({ delivered: 0, pending: 2, exhausted: 2, attempts: 6 });
    const { rows } = await store.query<{ last_error: string }>('SELECT last_error FROM outbox');
    expect(rows[0].last_error).toMatch(/ECONNREFUSED|fetch failed/);
  }, 30000);

  it('a receiver that never answers one record does not hold up the others', async () => {
    await store.query('TRUNCATE runs CASCADE');
    const ids = await seedRun(store, 'd5', Array.from({ length: 30 }, () => ({})));
    await enqueueClueRecords(store, 'd5');
    const stuck = `${ids[0]}:1`;
    const rx = await startReceiver({ stallKey: (k) => k === stuck });
    try {
      const delivered: number[] = [];
      const t0 = Date.now();
      const s = await deliverOutbox(store, {
        url: rx.url, concurrency: 2, timeoutMs: 1500, backoffMs: 10, maxBackoffMs: 20, maxAttempts: 2, once: true, pollMs: 20,
        onAttempt: (_row, o) => void (o.kind === 'delivered' && delivered.push(Date.now() - t0)),
      });
      expect(s).toMatchObject({ delivered: 29, pending: 1, exhausted: 1 });
      // With the stuck record holding one of two slots, the other 29 still finish well inside one timeout.
      expect(Math.max(...delivered)).toBeLessThan(1500);
      const { rows } = await store.query<{ last_error: string; attempts: number }>('SELECT last_error, attempts FROM outbox WHERE status = $1', ['pending']);
      expect(rows).toEqual([{ last_error: 'timeout', attempts: 2 }]);
    } finally {
      await rx.close();
    }
  }, 60000);

  it('throughput against a well-behaved receiver', async () => {
    await store.query('TRUNCATE runs CASCADE');
    // Rows straight in SQL (as pipeline/delivery/bench-deliver.ts does): this measures delivery only.
    await store.query("INSERT INTO runs (id) VALUES ('d4')");
    await store.query("INSERT INTO clues (jcbh, run_id, xzqdm, year, seq, record) SELECT 'T' || g, 'd4', '330106', 2026, g, '{}' FROM generate_series(1, 200) g");
    const ids = Array.from({ length: 200 }, (_, i) => `T${i + 1}`);
    await store.query('INSERT INTO outbox (jcbh, version, payload) SELECT * FROM unnest($1::text[], $2::int[], $3::jsonb[])', [
      ids, ids.map(() => 1), ids.map((id) => JSON.stringify(sampleRecord(id))),
    ]);
    const rx = await startReceiver({ secret: SECRET });
    try {
      const s = await deliverOutbox(store, { url: rx.url, secret: SECRET, concurrency: 8, once: true });
      expect(s.delivered).toBe(200);
      console.log(`deliver throughput: ${((200 / s.elapsedMs) * 1000).toFixed(0)} records/s (concurrency 8, real PG)`);
    } finally {
      await rx.close();
    }
  }, 60000);
});

describe.each(testStores().filter((b) => b.name === 'pglite'))('deliverOutbox on $name (one connection)', (b) => {
  let db: Store;
  beforeAll(async () => {
    db = await b.open();
  }, 120000);
  afterAll(() => b.close());

  it('drains the outbox through 5xx and dropped connections', async () => {
    await seedRun(db, 'g1', Array.from({ length: 15 }, () => ({})));
    await enqueueClueRecords(db, 'g1');
    const rx = await startReceiver({ fail5xx: 0.3, dropBefore: 0.1, dropAfter: 0.1, secret: SECRET, random: prng(11) });
    try {
      const s = await deliverOutbox(db, { url: rx.url, secret: SECRET, concurrency: 4, timeoutMs: 1000, backoffMs: 10, maxBackoffMs: 50, once: true, pollMs: 20 });
      expect(s).toMatchObject({ delivered: 15, pending: 0 });
      expect(rx.processed.size).toBe(15);
      expect(rx.badSignatures).toBe(0);
    } finally {
      await rx.close();
    }
  }, 60000);
});

/**
 * Delivery throughput on real PostgreSQL against a local receiver that accepts everything:
 * `npx tsx pipeline/delivery/bench-deliver.ts [records=1000] [concurrency=8]`. Uses its own schema,
 * dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../store/open-store.ts';
import { TEST_DATABASE_URL } from '../store/test-helpers.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { startReceiver } from './test-receiver.ts';
import { sampleRecord } from './sample-record.ts';

const n = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 8);
const schema = `bench_${randomBytes(4).toString('hex')}`;
const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: concurrency + 2 });
try {
  await store.query("INSERT INTO runs (id) VALUES ('b')");
  // Minimal clues + outbox rows straight in SQL: the bench measures delivery, not record assembly.
  await store.query(
    `INSERT INTO clues (jcbh, run_id, xzqdm, year, seq, record)
     SELECT '330106' || '2026' || lpad(g::text, 5, '0'), 'b', '330106', 2026, g, '{}'::jsonb FROM generate_series(1, $1) g`,
    [n],
  );
  const ids = (await store.query<{ jcbh: string }>('SELECT jcbh FROM clues ORDER BY jcbh')).rows.map((r) => r.jcbh);
  await store.query('INSERT INTO outbox (jcbh, version, payload) SELECT * FROM unnest($1::text[], $2::int[], $3::jsonb[])', [
    ids, ids.map(() => 1), ids.map((id) => JSON.stringify(sampleRecord(id))),
  ]);
  const rx = await startReceiver({ secret: 'k' });
  const s = await deliverOutbox(store, { url: rx.url, secret: 'k', concurrency, once: true });
  await rx.close();
  console.log(`${s.delivered} records in ${s.elapsedMs} ms = ${((s.delivered / s.elapsedMs) * 1000).toFixed(0)} records/s (concurrency ${concurrency}, ~2 KB bodies)`);
} finally {
  const { rows } = await store.query<{ stmt: string }>("SELECT format('DROP SCHEMA %I CASCADE', $1::text) AS stmt", [schema]);
  await store.query(rows[0].stmt);
  await store.close();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../errors.ts';
import type { Store } from './db.ts';
import { listMigrations, migrate } from './migrate.ts';
import { openStore } from './open-store.ts';
import { TEST_DATABASE_URL, testStores } from './test-helpers.ts';

describe.each(testStores())('store on $name', (backend) => {
  let db: Store;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());

  it('has every migration in the ledger, and a second migrate applies nothing', async () => {
    const { rows } = await db.query<{ id: number; name: string; applied_at: Date }>('SELECT id, name, applied_at FROM migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(listMigrations().map((m) => m.id));
    expect(rows[0].name).toBe('core');
    expect(rows[0].applied_at).toBeInstanceOf(Date);
    expect(await migrate(db)).toEqual([]);
  });

  it('has PostGIS and the core tables', async () => {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)",
      [['runs', 'run_stages', 'images', 'units', 'patches', 'layers', 'layer_features', 'run_layers', 'clues', 'clue_events', 'outbox']],
    );
    expect(rows[0].n).toBe(11);
    const area = await db.query<{ m2: number }>(
      "SELECT ST_Area(ST_Transform(ST_MakeEnvelope(38500000, 3000000, 38500100, 3000100, 4526), 4490)::geography) AS m2",
    );
    expect(area.rows[0].m2).toBeGreaterThan(9990);
    expect(area.rows[0].m2).toBeLessThan(10010);
  });

  it('commits tx and rolls it back on error', async () => {
    await db.tx(async (t) => {
      await t.query("INSERT INTO runs (id) VALUES ('tx-ok')");
    });
    await expect(
      db.tx(async (t) => {
        await t.query("INSERT INTO runs (id) VALUES ('tx-bad')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ id: string }>("SELECT id FROM runs WHERE id LIKE 'tx-%' ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual(['tx-ok']);
    // The connection is usable again after the rollback.
    expect((await db.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
  });

  it('keeps clue_events append-only', async () => {
    await db.query("INSERT INTO runs (id) VALUES ('ap')");
    await db.query("INSERT INTO clues (jcbh, run_id, xzqdm, year, seq, record) VALUES ('X1', 'ap', '110101', 2026, 1, '{}')");
    await db.query("INSERT INTO clue_events (jcbh, status, actor) VALUES ('X1', 'suspected', 'test')");
    await expect(db.query("UPDATE clue_events SET actor = 'x'")).rejects.toThrow(/append-only/);
  });
});

describe('store on postgres only', () => {
  it('lets concurrent starters on a fresh schema apply each migration once', async () => {
    const schema = `t_conc_${Date.now().toString(36)}`;
    const opts = { databaseUrl: TEST_DATABASE_URL, schema };
    const stores = await Promise.all([openStore(opts), openStore(opts), openStore(opts)]);
    try {
      const { rows } = await stores[0].query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
      expect(rows[0].n).toBe(listMigrations().length);
    } finally {
      const { rows } = await stores[0].query<{ stmt: string }>("SELECT format('DROP SCHEMA %I CASCADE', $1::text) AS stmt", [schema]);
      await stores[0].query(rows[0].stmt);
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('maps an unreachable server to TransientError DB_UNAVAILABLE', async () => {
    const err = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('DB_UNAVAILABLE');
  });

  it('applies nothing when a second store opens the same migrated schema', async () => {
    const [pg] = testStores().filter((b) => b.name === 'postgres');
    if (!pg) return;
    const first = await pg.open();
    await pg.close(true);
    const again = await openStore({ ...pg.options, migrate: false });
    try {
      expect(await migrate(again)).toEqual([]);
    } finally {
      await again.close();
      await pg.open(); // reopen to drop the schema
      await pg.close();
    }
    expect(first.backend).toBe('postgres');
  });
});

/**
 * Overlay throughput on synthetic layers: ≈6,000 land-use polygons (an 80 × 75 grid partition of a
 * 20 km × 20 km area, edges densified every 20 m), 2,000 random PBF blocks (100–600 m, overlapping
 * each other), 700 random approvals (50–300 m) and N change patches (16-gons of radius 10–40 m), all
 * generated from a fixed seed in PostGIS (in EPSG:4526 metres, stored in 4490 like real imports).
 * Prints patches/s of overlayPatches (overlay + rules + write-back) on real PostgreSQL and on the
 * embedded PGlite.
 *
 *   npx tsx scripts/bench-overlay.ts [--patches 50000] [--backend both|postgres|pglite] [--concurrency 2]
 * DATABASE_URL selects the PostgreSQL (default postgres://postgres@127.0.0.1:5432/test); the bench
 * uses a throwaway schema there and a throwaway data directory for PGlite.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { overlayPatches } from '../pipeline/overlay/overlay-patches.ts';
import type { Store } from '../pipeline/store/db.ts';
import { openStore } from '../pipeline/store/open-store.ts';

const { values } = parseArgs({
  options: {
    patches: { type: 'string', default: '50000' },
    backend: { type: 'string', default: 'both' },
    concurrency: { type: 'string', default: '2' },
  },
});
const N = Number(values.patches);
const CONCURRENCY = Number(values.concurrency);

// Generator statements (bench-only fixtures; values go in as parameters).
const GEN_LAYERS = `INSERT INTO layers (id, kind, version, name, source, is_current) VALUES
  (1, 'landuse', 1, 'bench landuse', 'synthetic', true), (2, 'farmland', 1, 'bench pbf', 'synthetic', true),
  (3, 'approved', 1, 'bench approvals', 'synthetic', true)`;
const SEED = 'SELECT setseed($1::float8)';
const GEN_LANDUSE = `INSERT INTO layer_features (layer_id, fid, dlbm, geom)
SELECT 1, i * 75 + j + 1,
  (ARRAY['0101','0102','0103','0201','0301','0401','0701','0702','1003','1006','1104A','1202','0601','1107'])[1 + floor(random() * 14)::int],
  ST_Transform(ST_Segmentize(ST_MakeEnvelope(38490000 + i * 250, 3290000 + j * 20000.0 / 75, 38490000 + (i + 1) * 250, 3290000 + (j + 1) * 20000.0 / 75, 4526), 20), 4490)
FROM generate_series(0, 79) i, generate_series(0, 74) j`;
const GEN_PBF = `INSERT INTO layer_features (layer_id, fid, geom)
SELECT 2, k, ST_Transform(ST_Segmentize(ST_MakeEnvelope(x, y, x + w, y + h, 4526), 20), 4490)
FROM (SELECT k, 38490000 + random() * 19400 AS x, 3290000 + random() * 19400 AS y, 100 + random() * 500 AS w, 100 + random() * 500 AS h
      FROM generate_series(1, 2000) k) s`;
const GEN_APPROVED = `INSERT INTO layer_features (layer_id, fid, approval_no, geom)
SELECT 3, k, 'PZ-' || lpad(k::text, 4, '0'), ST_Transform(ST_MakeEnvelope(x, y, x + w, y + h, 4526), 4490)
FROM (SELECT k, 38490000 + random() * 19700 AS x, 3290000 + random() * 19700 AS y, 50 + random() * 250 AS w, 50 + random() * 250 AS h
      FROM generate_series(1, 700) k) s`;
const GEN_RUN = "INSERT INTO runs (id) VALUES ('bench')";
const GEN_PATCHES = `INSERT INTO patches (run_id, patch_key, geom, area_m2)
SELECT 'bench', 'p' || lpad(k::text, 7, '0'), ST_Multi(ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint(x, y), 4526), r, 'quad_segs=4'), 4490)), 0
FROM (SELECT k, 38490050 + random() * 19900 AS x, 3290050 + random() * 19900 AS y, 10 + random() * 30 AS r
      FROM generate_series(1, $1::int) k) s`;
const ANALYZE = 'ANALYZE';

async function generate(store: Store): Promise<void> {
  await store.query(GEN_LAYERS);
  await store.tx(async (t) => {
    await t.query(SEED, [0.42]);
    await t.query(GEN_LANDUSE);
    await t.query(GEN_PBF);
    await t.query(GEN_APPROVED);
    await t.query(GEN_RUN);
    await t.query(GEN_PATCHES, [N]);
  });
  await store.query(ANALYZE);
}

/** CPU seconds (user + system) of the server processes serving this bench's connections (same host). */
async function serverCpu(store: Store, appName: string | null): Promise<number> {
  if (appName === null) return 0;
  const { rows } = await store.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // not on this host, or gone
    }
  }
  return ticks / 100;
}

async function bench(name: string, open: () => Promise<Store>, cleanup: (s: Store) => Promise<void>, concurrency: number, appName: string | null): Promise<void> {
  const t0 = Date.now();
  const store = await open();
  const t1 = Date.now();
  try {
    await generate(store);
    const cpu0 = process.cpuUsage();
    const srv0 = await serverCpu(store, appName);
    const t2 = Date.now();
    const res = await overlayPatches(store, 'bench', {
      concurrency,
      onProgress: (done, total) => process.stderr.write(`\r${name} overlay ${done}/${total}`),
    });
    process.stderr.write('\n');
    const secs = (Date.now() - t2) / 1000;
    const srv = (await serverCpu(store, appName)) - srv0;
    const cpu = process.cpuUsage(cpu0);
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    const { rows } = await store.query<{ rule: string; n: number }>('SELECT rule, count(*)::int AS n FROM patches GROUP BY rule ORDER BY rule');
    process.stdout.write(
      `${name.padEnd(9)} ${N} patches in ${secs.toFixed(2)} s = ${Math.round(N / secs)} patches/s ` +
        `(concurrency ${concurrency}; CPU: server ${appName ? `${srv.toFixed(1)} s` : 'n/a'}, node ${nodeCpu.toFixed(1)} s` +
        `${appName ? ` = ${Math.round(N / (srv + nodeCpu))} patches per CPU-second` : ''}; ${res.suspected} suspected; rules ${rows.map((r) => `${r.rule}:${r.n}`).join(' ')}; ` +
        `open ${((t1 - t0) / 1000).toFixed(1)} s, generate ${((t2 - t1) / 1000).toFixed(1)} s; load avg ${loadavg()[0].toFixed(1)})\n`,
    );
  } finally {
    await cleanup(store);
  }
}

const backends = values.backend === 'both' ? ['postgres', 'pglite'] : [values.backend];
if (backends.includes('postgres')) {
  const schema = `bench_overlay_${randomBytes(4).toString('hex')}`;
  const appName = `bench-overlay-${process.pid}`;
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const url = `${base}${base.includes('?') ? '&' : '?'}application_name=${appName}`;
  await bench('postgres', () => openStore({ databaseUrl: url, schema }), async (s) => {
    const { rows } = await s.query<{ stmt: string }>("SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', $1::text) AS stmt", [schema]);
    await s.query(rows[0].stmt);
    await s.close();
  }, CONCURRENCY, appName);
}
if (backends.includes('pglite')) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-overlay-'));
  await bench('pglite', () => openStore({ dataDir: dir }), async (s) => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }, 1, null);
}

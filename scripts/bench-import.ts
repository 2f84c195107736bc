/**
 * Layer import throughput: generates N random non-overlapping-ish polygons (hexagons of 20–60 m with
 * a DLBM code, in EPSG:4526, i.e. CGCS2000 3° GK zone 38 with zone prefix), writes them as GDAL-style
 * GeoJSON and imports them as a landuse layer. Prints polygons/s for real PostgreSQL (100k) and for
 * the embedded PGlite (10k).
 *   npx tsx scripts/bench-import.ts [--pg-count 100000] [--pglite-count 10000] [--only postgres|pglite]
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) selects the server; a random schema
 * is used and dropped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importLayer } from '../pipeline/layers/import-layer.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import type { Store } from '../pipeline/store/db.ts';

const { values } = parseArgs({ options: { 'pg-count': { type: 'string' }, 'pglite-count': { type: 'string' }, only: { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'landwatch-bench-import-'));
const CODES = ['0101', '0102', '0103', '0201', '0301', '0401', '0702', '1003', '1104'];

/** Deterministic PRNG (mulberry32) so every run imports the same layer. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeLayer(n: number): string {
  const rand = rng(42);
  const cols = Math.ceil(Math.sqrt(n));
  const features = [];
  for (let i = 0; i < n; i++) {
    const cx = 38500000 + (i % cols) * 150 + rand() * 20;
    const cy = 3300000 + Math.floor(i / cols) * 150 + rand() * 20;
    const r = 20 + rand() * 40;
    const ring = [];
    for (let k = 0; k < 6; k++) ring.push([cx + r * Math.cos((k * Math.PI) / 3), cy + r * Math.sin((k * Math.PI) / 3)]);
    ring.push(ring[0]);
    features.push({ type: 'Feature', properties: { DLBM: CODES[i % CODES.length], DLMC: '地类', BSM: i }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  const file = join(dir, `layer-${n}.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } }, features }));
  return file;
}

async function bench(label: string, store: Store, n: number): Promise<void> {
  const file = writeLayer(n);
  const t = Date.now();
  const r = await importLayer(store, { kind: 'landuse', file });
  const s = (Date.now() - t) / 1000;
  console.log(`${label}: ${r.imported} polygons (${r.pieces} pieces) in ${s.toFixed(1)} s = ${Math.round(r.imported / s)} polygons/s`);
}

try {
  if (values.only !== 'pglite') {
    const schema = `bench_${Date.now().toString(36)}`;
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
    try {
      await bench('postgres', store, Number(values['pg-count'] ?? 100000));
    } finally {
      const { rows } = await store.query<{ stmt: string }>("SELECT format('DROP SCHEMA %I CASCADE', $1::text) AS stmt", [schema]);
      await store.query(rows[0].stmt);
      await store.close();
    }
  }
  if (values.only !== 'postgres') {
    const t = Date.now();
    const store = await openStore({ dataDir: join(dir, 'pgdata') });
    console.log(`pglite: cold start + migrations ${((Date.now() - t) / 1000).toFixed(1)} s`);
    try {
      await bench('pglite', store, Number(values['pglite-count'] ?? 10000));
    } finally {
      await store.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

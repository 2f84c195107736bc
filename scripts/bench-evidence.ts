/**
 * Evidence rendering throughput on a finished run: renders the chips of the run's first N clues the
 * way the evidence stage does (batches of EVIDENCE_BATCH clues in JCBH order, each batch grouped by
 * image pair and rendered by renderClueChips with its own readers), without recording them. Prints
 * clues, wall time, CPU ms per clue (process.cpuUsage, sharp's threads included), peak RSS and the
 * 1-min load; best of --repeat.
 *   npx tsx scripts/bench-evidence.ts --run RUN_ID [--clues N] [--repeat 3] [--dump DIR]
 * --dump writes the chips of the last repetition as DIR/<JCBH>_<kind>.png, to compare renderings.
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), LANDWATCH_DB_SCHEMA.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadClueRecords } from '../pipeline/clues/load-clue-records.ts';
import { renderClueChips, type PairClues } from '../pipeline/evidence/render-evidence.ts';
import type { StoredEvidence } from '../pipeline/evidence/record-evidence.ts';
import { EVIDENCE_BATCH, evidenceClues } from '../pipeline/stages/evidence.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import { rerunWithHeapFlags } from './heap-rerun.ts';

await rerunWithHeapFlags();

const { values } = parseArgs({
  options: { run: { type: 'string' }, clues: { type: 'string' }, repeat: { type: 'string', default: '3' }, dump: { type: 'string' } },
});
if (!values.run) throw new Error('--run RUN_ID is required');
const repeat = Number(values.repeat);

const store = await openStore({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema: process.env.LANDWATCH_DB_SCHEMA || undefined, migrate: false });
const rows = (await evidenceClues(store, values.run)).filter((r) => r.before_path && r.after_path).slice(0, values.clues ? Number(values.clues) : undefined);
const records = new Map((await loadClueRecords(store, { runId: values.run, jcbhs: rows.map((r) => r.jcbh) })).map((r) => [r.JCBH, r]));
await store.close();

// The stage's batches, each grouped by pair as evidenceBatch does.
const batches: PairClues[][] = [];
for (let i = 0; i < rows.length; i += EVIDENCE_BATCH) {
  const groups = new Map<string, PairClues>();
  for (const r of rows.slice(i, i + EVIDENCE_BATCH)) {
    const key = `${r.before_path}\u0000${r.after_path}`;
    const g = groups.get(key) ?? { beforePath: r.before_path!, afterPath: r.after_path!, records: [] };
    g.records.push(records.get(r.jcbh)!);
    groups.set(key, g);
  }
  batches.push([...groups.values()]);
}

const peakRssMiB = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const outDir = join(tmpdir(), 'bench-evidence');
let best = { wall: Infinity, cpu: Infinity };
let last: StoredEvidence[] = [];
for (let k = 0; k < repeat; k++) {
  const load = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  last = [];
  let chips = 0;
  // Chips are kept only to dump them: holding every clue's (≈ 0.6 MB each) added ~300 MiB to the
  // peak RSS, which the stage, recording each batch and dropping it, does not have.
  for (const groups of batches) {
    const { evidence } = await renderClueChips(groups, outDir);
    chips += evidence.filter((e) => e.content).length;
    if (values.dump) last.push(...evidence);
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1000;
  best = { wall: Math.min(best.wall, wall), cpu: Math.min(best.cpu, cpu) };
  console.log(`#${k + 1}: ${rows.length} clues, ${chips} chips, wall ${(wall / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s = ${(cpu / rows.length).toFixed(1)} ms/clue, load ${load.toFixed(2)}`);
}
console.log(`best: ${rows.length} clues, wall ${(best.wall / 1000).toFixed(2)} s, CPU ${(best.cpu / rows.length).toFixed(1)} ms/clue, peak RSS ${peakRssMiB().toFixed(0)} MiB, load ${loadavg()[0].toFixed(2)}`);

if (values.dump) {
  mkdirSync(values.dump, { recursive: true });
  for (const e of last) if (e.content) writeFileSync(join(values.dump, `${e.jcbh}_${e.kind}.png`), e.content);
}

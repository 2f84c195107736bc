/**
 * Export throughput on a finished run: runs the run's export stage (patches, clues, summary, and the
 * evidence chips and pages from the store) into a temporary folder, removed afterwards; prints wall
 * time, CPU seconds of this process, files and bytes written; best of --repeat. A run kept by
 * `scripts/bench-run.ts --keep` serves (set LANDWATCH_DB_SCHEMA as it prints).
 *   npx tsx scripts/bench-export.ts --run RUN_ID [--repeat 2]
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), LANDWATCH_DB_SCHEMA.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runExport } from '../pipeline/stages/run-stage.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import { rerunWithHeapFlags } from './heap-rerun.ts';

await rerunWithHeapFlags();

const { values } = parseArgs({ options: { run: { type: 'string' }, repeat: { type: 'string', default: '2' } } });
if (!values.run) throw new Error('--run RUN_ID is required');

function du(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
}

const store = await openStore({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema: process.env.LANDWATCH_DB_SCHEMA || undefined, migrate: false });
let best = Infinity;
try {
  for (let k = 0; k < Number(values.repeat); k++) {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-export-'));
    try {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await runExport({ runId: values.run, outDir }, { db: store, signal: new AbortController().signal, progress: () => {} });
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const { files, bytes } = du(outDir);
      best = Math.min(best, secs);
      console.log(`#${k + 1}: ${out.patches} patches, ${out.clues} clues, ${files} files, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${secs.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU-s`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }
  console.log(`best: ${best.toFixed(2)} s`);
} finally {
  await store.close();
}

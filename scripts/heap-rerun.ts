/**
 * Benchmarks measure what `landwatch` runs, which bin/landwatch.js starts with workers/heap-flags.ts's V8
 * flags: a benchmark started without them (`npx tsx scripts/…`) runs itself again with them.
 */
import { spawnSync } from 'node:child_process';
import { V8_HEAP_FLAGS } from '../workers/heap-flags.ts';

export function rerunWithHeapFlags(): void {
  if (V8_HEAP_FLAGS.every((f) => process.execArgv.includes(f))) return;
  const r = spawnSync(process.execPath, [...V8_HEAP_FLAGS, ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

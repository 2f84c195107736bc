/**
 * Benchmarks measure what `landwatch` runs, which bin/landwatch.js starts with workers/heap-flags.ts's V8
 * flags: a benchmark started without them (`npx tsx scripts/…`) runs itself again with them, and
 * this process only passes signals on and exits as the rerun does.
 */
import { spawn } from 'node:child_process';
import { V8_HEAP_FLAGS } from '../workers/heap-flags.ts';

/** Returns at once when the flags are set; otherwise never (await it at the top of the script). */
export function rerunWithHeapFlags(): Promise<void> {
  if (V8_HEAP_FLAGS.every((f) => process.execArgv.includes(f))) return Promise.resolve();
  // A debugger port is the rerun's to open.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const child = spawn(process.execPath, [...V8_HEAP_FLAGS, ...execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`${process.argv[1]}: cannot run again with ${V8_HEAP_FLAGS.join(' ')}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
  return new Promise(() => undefined);
}

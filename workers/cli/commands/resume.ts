/**
 * `landwatch resume RUN`: continues a run from its database state after its workers (or Redis)
 * went away: re-queues the stages and units not done (BullMQ), or works them here (in-process).
 */
import type { Command } from 'commander';
import { describeResult, executeRun, openRunStore } from '../../executor-run.ts';
import { addStoreOptions, type StoreCliOptions } from '../store-options.ts';

export function registerResume(program: Command): void {
  const cmd = program
    .command('resume')
    .argument('<run>', 'run id')
    .description('continue a run that stopped: queue (or run here) the stages and units not done')
    .option('--out <dir>', 'output folder (default: the run’s --out)')
    .option('--no-wait', 'with a queue: re-queue and return')
    .option('--force', 'queue again even if Redis still holds a live submission')
    .option('-q, --quiet', 'no progress bar');
  addStoreOptions(cmd).action(async (runId: string, o: StoreCliOptions & { out?: string; wait: boolean; force?: boolean; quiet?: boolean }) => {
    const store = await openRunStore(o);
    try {
      const result = await executeRun(store, runId, { noWait: !o.wait, force: o.force, quiet: o.quiet, outDir: o.out });
      for (const line of describeResult(result)) process.stderr.write(`${line}\n`);
      if (result.status.run.status === 'failed') process.exitCode = 1;
    } finally {
      await store.close();
    }
  });
}

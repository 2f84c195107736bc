/**
 * `landwatch worker`: serves the stage queues until SIGTERM/SIGINT, then pauses, lets active jobs
 * finish (or releases them after a grace period) and closes. Needs REDIS_URL and DATABASE_URL; add
 * workers on this or other machines to finish runs sooner.
 */
import { type Command, Option } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { QUEUE_STAGES, type QueueStage } from '../../../pipeline/runs/run-params.ts';
import { processEnv } from '../../bullmq/process-env.ts';
import { startWorkers } from '../../bullmq/start-workers.ts';

interface WorkerCliOptions {
  concurrency?: number;
  stages?: string;
  prefix?: string;
  grace: number;
  quiet?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('serve run stages from the queues (needs REDIS_URL and DATABASE_URL)')
    .addOption(new Option('--concurrency <n>', 'parallel detection units (default: all cores)').argParser(positiveInt('--concurrency')))
    .option('--stages <list>', `comma-separated stages to serve (default: all: ${QUEUE_STAGES.join(',')})`)
    .option('--prefix <prefix>', 'queue key prefix (env LANDWATCH_QUEUE_PREFIX; default landwatch)')
    .addOption(new Option('--grace <s>', 'seconds to let active jobs finish on shutdown').default(30).argParser(positiveInt('--grace')))
    .option('-q, --quiet', 'no log lines')
    .action(async (o: WorkerCliOptions) => {
      if (!process.env.REDIS_URL) throw new InputError('BAD_OPTION', 'landwatch worker needs REDIS_URL');
      if (!process.env.DATABASE_URL) throw new InputError('BAD_OPTION', 'landwatch worker needs DATABASE_URL (the embedded store is single-process)');
      const stages = parseStages(o.stages);
      if (o.prefix) process.env.LANDWATCH_QUEUE_PREFIX = o.prefix; // sandboxed children inherit it
      const log = o.quiet ? undefined : (line: string) => process.stderr.write(`[worker ${process.pid}] ${line}\n`);
      const env = await processEnv(); // fails now, not on the first job, when the database is unreachable
      const running = startWorkers({ stages, concurrency: o.concurrency, db: env.db, log });
      log?.(`serving ${stages.join(',')} (pid ${process.pid})`);
      await new Promise<void>((resolve) => {
        const stop = (sig: string) => {
          log?.(`${sig}: finishing active jobs`);
          running
            .close(o.grace * 1000)
            .then(() => env.close())
            .finally(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      log?.('closed');
      process.exit(0);
    });
}

function parseStages(list?: string): QueueStage[] {
  if (!list) return [...QUEUE_STAGES];
  const out = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of out) if (!(QUEUE_STAGES as readonly string[]).includes(s)) throw new InputError('BAD_OPTION', `--stages: unknown stage '${s}' (known: ${QUEUE_STAGES.join(', ')})`);
  return out as QueueStage[];
}

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InputError('BAD_OPTION', `${flag}: expected a positive integer, got '${value}'`);
    return n;
  };
}

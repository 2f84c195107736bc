/**
 * `landwatch deliver --to URL`: POSTs queued clue records to a case system. Runs as a worker until
 * SIGINT/SIGTERM, or with `--once` drains the outbox and exits: 0 when everything is delivered,
 * 3 when some records were rejected (4xx) or are still pending after --max-attempts.
 */
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { deliverOutbox } from '../../../pipeline/delivery/deliver-outbox.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface DeliverCliOptions extends StoreCliOptions {
  to: string;
  secretEnv?: string;
  concurrency: string;
  timeout: string;
  maxAttempts?: string;
  once?: boolean;
}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError('BAD_OPTION', `${name} must be a positive integer, not ${v}`);
  return n;
}

export function registerDeliver(program: Command): void {
  addStoreOptions(
    program
      .command('deliver')
      .description('deliver queued clue records to a case system (HMAC-signed, idempotent, retried)')
      .requiredOption('--to <url>', 'receiver URL (http or https)')
      .option('--secret-env <name>', 'environment variable holding the HMAC-SHA256 key for X-Landwatch-Signature')
      .option('--concurrency <n>', 'requests in flight', '4')
      .option('--timeout <ms>', 'per-request timeout in ms', '10000')
      .option('--max-attempts <n>', 'attempts per record before this run gives up on it (it stays pending); default unlimited, 10 with --once')
      .option('--once', 'drain the outbox and exit instead of running as a worker'),
  ).action(async (opts: DeliverCliOptions) => {
    let url: URL;
    try {
      url = new URL(opts.to);
    } catch {
      throw new InputError('BAD_OPTION', `--to is not a URL: ${opts.to}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('BAD_OPTION', `--to must be http or https: ${opts.to}`);
    let secret: string | undefined;
    if (opts.secretEnv !== undefined) {
      secret = process.env[opts.secretEnv];
      if (!secret) throw new InputError('BAD_OPTION', `environment variable ${opts.secretEnv} (--secret-env) is not set`);
    }
    const concurrency = positiveInt('--concurrency', opts.concurrency);
    const timeoutMs = positiveInt('--timeout', opts.timeout);
    const maxAttempts = positiveInt('--max-attempts', opts.maxAttempts) ?? (opts.once ? 10 : undefined);
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const store = await openStoreFromOptions(opts);
    try {
      const s = await deliverOutbox(store, {
        url: url.href,
        secret,
        concurrency,
        timeoutMs,
        maxAttempts,
        once: Boolean(opts.once),
        signal: stop.signal,
        onAttempt: (row, o) => {
          if (o.kind === 'delivered') return;
          const what = o.kind === 'rejected' ? `rejected (HTTP ${o.status}): ${o.body.slice(0, 200)}` : `attempt ${row.attempts} failed: ${o.error}`;
          process.stderr.write(`${row.jcbh}:${row.version} ${what}\n`);
        },
      });
      const rate = s.elapsedMs > 0 ? ((s.delivered / s.elapsedMs) * 1000).toFixed(1) : '0';
      process.stdout.write(
        `delivered ${s.delivered}, rejected ${s.rejected}, retried ${s.retried} in ${(s.elapsedMs / 1000).toFixed(1)} s (${rate}/s); ${s.pending} still pending${s.exhausted ? ` (${s.exhausted} after ${maxAttempts} attempts)` : ''}\n`,
      );
      if (opts.once && (s.rejected > 0 || s.pending > 0)) process.exitCode = 3;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await store.close();
    }
  });
}

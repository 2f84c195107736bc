/**
 * Drives one run to its end from a terminal (run, resume, demo): pick the executor, show progress,
 * export the outputs where the run was started, and say where they are. With a queue, Ctrl-C
 * stops waiting but leaves the run to the workers.
 */
import { sep } from 'node:path';
import { InputError } from '../pipeline/errors.ts';
import { overallProgress, runStatus, type RunStatus } from '../pipeline/runs/run-status.ts';
import type { ExportOutput } from '../pipeline/stages/export.ts';
import { runExport } from '../pipeline/stages/run-stage.ts';
import type { Store } from '../pipeline/store/db.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import { resolveStoreOptions, type StoreCliOptions } from './cli/store-options.ts';
import { progressBar } from './cli/progress.ts';
import { openExecutor, type ExecutorOptions } from './executor.ts';

export interface ExecuteRunOptions extends ExecutorOptions {
  /** Return right after queueing (queue executors only). Default: false. */
  noWait?: boolean;
  /** No progress bar. Default: false. */
  quiet?: boolean;
  /** Queue even when a live submission exists (resume --force). Default: false. */
  force?: boolean;
  /** Output folder for the export. Default: the run's --out. */
  outDir?: string;
  /** Write evidence chips and pages in the export (run --no-evidence turns it off). Default: true. */
  evidence?: boolean;
}

export interface ExecuteRunResult {
  status: RunStatus;
  exported?: ExportOutput;
  /** True when the run was only queued (--no-wait). */
  queued?: boolean;
}

export async function executeRun(store: Store, runId: string, opts: ExecuteRunOptions = {}): Promise<ExecuteRunResult> {
  const executor = await openExecutor(store, opts);
  const ctrl = new AbortController();
  const onSigint = () => ctrl.abort(new InputError('BAD_OPTION', `interrupted; run ${runId} ${executor.kind === 'bullmq' ? 'continues on the workers' : 'can be continued with landwatch resume'}`));
  process.once('SIGINT', onSigint);
  try {
    if (opts.noWait) {
      if (executor.kind !== 'bullmq') throw new InputError('BAD_OPTION', '--no-wait needs a queue (set REDIS_URL and DATABASE_URL)');
      await executor.submit(runId, { force: opts.force });
      return { status: await runStatus(store, runId), queued: true };
    }
    if (opts.force) await executor.submit(runId, { force: true });
    const bar = progressBar(`run ${runId}`, { quiet: opts.quiet });
    const status = await executor.run(runId, {
      signal: ctrl.signal,
      onStatus: (s) => {
        const o = overallProgress(s.stages);
        bar.update({ done: Math.round(o.fraction * 1000), total: 1000, label: o.label });
      },
    });
    bar.done();
    if (status.run.status !== 'finished') return { status };
    const exportBar = progressBar(`export ${runId}`, { quiet: opts.quiet });
    const exported = await runExport({ runId, outDir: opts.outDir, evidence: opts.evidence }, { db: store, signal: ctrl.signal, progress: exportBar.update });
    exportBar.done();
    return { status, exported };
  } finally {
    process.off('SIGINT', onSigint);
    await executor.close();
  }
}

/** The lines a person reads after a run: where the outputs are, what failed. */
export function describeResult(r: ExecuteRunResult): string[] {
  const { run, failedUnits, problems, units } = r.status;
  if (r.queued) return [`run ${run.id} queued; follow it with: landwatch status ${run.id}`];
  const lines: string[] = [];
  if (run.status !== 'finished') lines.push(`run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`);
  if (r.exported) {
    lines.push(`run ${run.id} finished: ${r.exported.patches} patches, ${r.exported.clues} clues (${units.done} units${units.failed ? `, ${units.failed} failed` : ''})`);
    lines.push(`outputs in ${r.exported.outDir}:`, ...r.exported.files.map((f) => `  ${f}`));
    const ev = r.exported.evidence;
    if (ev) {
      lines.push(`  ${ev.dir}${sep} (evidence of ${ev.clues} clue${ev.clues === 1 ? '' : 's'}: chips + index.html per JCBH, ${ev.seconds} s)`);
      if (ev.outside.length > 0) lines.push(`evidence: no image under ${ev.outside.length} clue${ev.outside.length === 1 ? '' : 's'}: ${ev.outside.join(', ')}`);
      if (ev.error) lines.push(`evidence stopped: ${ev.error}`);
    } else lines.push('  (no evidence: --no-evidence)');
  }
  for (const u of failedUnits) lines.push(`failed unit ${u.unit_id}: ${u.error ?? '?'}`);
  for (const p of problems) lines.push(`not used (${p.stage}): ${p.subject}: ${p.code ? `${p.code} ` : ''}${p.message}`);
  return lines;
}

/**
 * The store of the run commands: the CLI's store options plus LANDWATCH_DB_SCHEMA (the schema the
 * queue workers use too; tests and benchmarks isolate themselves with it). Default schema: public.
 */
export function openRunStore(opts: StoreCliOptions): Promise<Store> {
  return openStore({ ...resolveStoreOptions(opts), schema: process.env.LANDWATCH_DB_SCHEMA || undefined });
}

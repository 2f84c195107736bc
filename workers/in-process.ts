/**
 * The in-process executor (embedded default): the same stage handlers, called in order in this
 * process. Detection units run on worker threads (workers/threads), one pair after another on the
 * same threads; if a pair's thread batch fails, its remaining units run one by one so a single bad
 * unit is recorded as failed and the rest still count. Retries follow each stage's attempts and
 * exponential backoff.
 */
import { availableParallelism } from 'node:os';
import { InputError, oneLine } from '../pipeline/errors.ts';
import { QUEUE_STAGES, type EvidenceBatchInput, type RunInput, type StageName, type UnitBatchInput } from '../pipeline/runs/run-params.ts';
import { loadRun } from '../pipeline/runs/load-run.ts';
import { reopenRun } from '../pipeline/runs/reopen-run.ts';
import { runStatus } from '../pipeline/runs/run-status.ts';
import { stageDone, stageStarted } from '../pipeline/runs/stage-status.ts';
import { groupBy } from '../pipeline/group-by.ts';
import { detectStage, loadUnitTasks, saveUnitPieces } from '../pipeline/stages/detect.ts';
import { evidenceBatchStage, pendingEvidenceBatches } from '../pipeline/stages/evidence.ts';
import { RUN_STAGES } from '../pipeline/stages/index.ts';
import { recordFailure, runEvidenceBatch, runStage, runUnitBatch } from '../pipeline/stages/run-stage.ts';
import type { Store } from '../pipeline/store/db.ts';
import { sql } from '../pipeline/store/load-sql.ts';
import type { StageContext, StageDef } from '../pipeline/types.ts';
import type { Executor, RunWatch } from './executor-api.ts';
import { openUnitPool } from './threads/unit-pool.ts';

export function inProcessExecutor(store: Store, opts: { threads?: number } = {}): Executor {
  const threads = opts.threads ?? availableParallelism();
  return {
    kind: 'in-process',
    async submit() {
      throw new InputError('BAD_OPTION', '--no-wait needs a queue (set REDIS_URL and DATABASE_URL)');
    },
    async run(runId, watch = {}) {
      const signal = watch.signal ?? new AbortController().signal;
      const ctx: StageContext = { db: store, signal, progress: () => undefined };
      const tick = setInterval(() => {
        if (watch.onStatus) runStatus(store, runId).then(watch.onStatus, () => undefined);
      }, 500);
      try {
        if ((await loadRun(store, runId)).status !== 'finished') await reopenRun(store, runId);
        const stages = await runStatus(store, runId);
        const done = new Set(stages.stages.filter((s) => s.status === 'done').map((s) => s.stage));
        for (const name of QUEUE_STAGES) {
          if (done.has(name)) continue;
          if (name === 'evidence') await evidenceBatches(runId, ctx);
          const ok = name === 'detect' ? await detectAll(runId, ctx, threads) : await withRetries(RUN_STAGES[name], name, { runId }, ctx, () => runStage(name, { runId }, ctx));
          if (!ok) break;
        }
      } finally {
        clearInterval(tick);
      }
      const final = await runStatus(store, runId);
      watch.onStatus?.(final);
      return final;
    },
    async close() {},
  };
}

/** Calls `fn` up to def.attempts times with exponential backoff; records each failure. False = failed for good. */
async function withRetries(def: StageDef<never, unknown>, stage: StageName, input: RunInput | UnitBatchInput | EvidenceBatchInput, ctx: StageContext, fn: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return true;
    } catch (err) {
      const final = err instanceof InputError || attempt >= def.attempts || ctx.signal.aborted;
      await recordFailure(ctx, stage, input, err, final);
      if (final) {
        if (ctx.signal.aborted) throw err;
        return false;
      }
      await new Promise((r) => setTimeout(r, def.backoffMs * 2 ** (attempt - 1)));
    }
  }
}

/** Renders the evidence batches one after another (a batch that fails for good is a problem of the run, not a failure). */
async function evidenceBatches(runId: string, ctx: StageContext): Promise<void> {
  for (const b of await pendingEvidenceBatches(ctx.db, runId)) await withRetries(evidenceBatchStage, 'evidence', b, ctx, () => runEvidenceBatch(b, ctx));
}

/** Detects every pending unit: per pair on threads, falling back to one-by-one for a failed batch. */
async function detectAll(runId: string, ctx: StageContext, threads: number): Promise<boolean> {
  await stageStarted(ctx.db, runId, 'detect');
  const pending = (await ctx.db.query<{ unit_id: string }>(sql('runs-pending-units'), [runId, null])).rows.map((r) => r.unit_id);
  const byPair = groupBy(await loadUnitTasks(ctx.db, runId, pending), (t) => t.pairId);
  // One set of threads for all the pairs (a run of many tiles would otherwise start them per tile).
  const pool = threads > 1 ? openUnitPool(threads) : undefined;
  try {
    for (const tasks of byPair.values()) {
      const saved = new Set<string>();
      if (pool && tasks.length > 1) {
        const writes: Promise<void>[] = [];
        try {
          await pool.run(
            tasks.map((t) => t.win),
            { beforePath: tasks[0].beforePath, afterPath: tasks[0].afterPath, masks: tasks[0].masks, bands: tasks[0].bands, model: tasks[0].model, pictureCell: tasks[0].pictureCell },
            (i, pieces, _masked, picture) => writes.push(saveUnitPieces(ctx.db, runId, tasks[i].unitId, { pieces, picture }).then(() => void saved.add(tasks[i].unitId))),
            ctx.signal,
          );
        } catch (err) {
          if (ctx.signal.aborted) throw err;
          process.stderr.write(`landwatch: thread batch failed (${oneLine(err)}); retrying its units one by one\n`);
        }
        await Promise.allSettled(writes);
      }
      for (const t of tasks) {
        if (saved.has(t.unitId)) continue;
        const input = { runId, unitIds: [t.unitId] };
        await withRetries(detectStage, 'detect', input, ctx, () => runUnitBatch(input, ctx));
      }
    }
  } finally {
    await pool?.close();
  }
  await stageDone(ctx.db, runId, 'detect');
  return true;
}

/** The executor contract both executors implement, and the database watch they share. */
import { runStatus, type RunStatus } from '../pipeline/runs/run-status.ts';
import type { Store } from '../pipeline/store/db.ts';

export interface RunWatch {
  /** Called with the run's state as it progresses (about twice a second). */
  onStatus?: (s: RunStatus) => void;
  signal?: AbortSignal;
}

export interface Executor {
  readonly kind: 'in-process' | 'bullmq';
  /** Works the run's remaining stages and units to the end; resolves with the final state. */
  run(runId: string, watch?: RunWatch): Promise<RunStatus>;
  /**
   * Queues the remaining work and returns (queue executors). `force` submits even when a live
   * submission exists. Returns whether something was queued.
   */
  submit(runId: string, opts?: { force?: boolean }): Promise<boolean>;
  close(): Promise<void>;
}

/** Polls the run's state until it is finished or failed; `check` runs on every tick (watchdogs). */
export async function watchRun(db: Store, runId: string, watch: RunWatch, check?: () => Promise<void>, intervalMs = 500): Promise<RunStatus> {
  for (;;) {
    const s = await runStatus(db, runId);
    watch.onStatus?.(s);
    if (s.run.status === 'finished' || s.run.status === 'failed') return s;
    watch.signal?.throwIfAborted();
    await check?.();
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

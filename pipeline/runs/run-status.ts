/** Everything `landwatch status RUN` and the progress display need, read from the database. */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { loadRun, type RunRow } from './load-run.ts';
import { STAGE_NAMES, type StageName } from './run-params.ts';

export interface StageRow {
  stage: StageName;
  status: 'pending' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  error: string | null;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** Wall seconds spent so far (finished − started), or null before the start. */
  seconds: number | null;
}

export interface RunStatus {
  run: RunRow;
  stages: StageRow[];
  units: { pending: number; done: number; failed: number };
  failedUnits: { unit_id: string; pair_id: string | null; attempts: number; error: string | null }[];
  problems: { stage: string; subject: string; code: string | null; message: string }[];
}

export async function runStatus(db: Db, runId: string): Promise<RunStatus> {
  const run = await loadRun(db, runId);
  const stages = (await db.query<StageRow>(sql('runs-stages'), [runId, [...STAGE_NAMES]])).rows;
  const counts = (await db.query<{ status: string; n: number }>(sql('runs-unit-counts'), [runId])).rows;
  const units = { pending: 0, done: 0, failed: 0 };
  for (const c of counts) units[c.status as keyof typeof units] = c.n;
  const failedUnits = (await db.query<RunStatus['failedUnits'][number]>(sql('runs-failed-units'), [runId])).rows;
  const problems = (await db.query<RunStatus['problems'][number]>(sql('runs-problems'), [runId])).rows;
  return { run, stages, units, failedUnits, problems };
}

/** Relative weight of each stage in the overall progress fraction (detection dominates). */
const WEIGHTS: Record<StageName, number> = { catalogue: 1, pair: 1, cut: 4, detect: 60, merge: 8, overlay: 8, clues: 2, evidence: 12, export: 2 };

/** Overall progress in [0, 1] and a short label naming the current stage. */
export function overallProgress(stages: StageRow[]): { fraction: number; label: string } {
  let sum = 0;
  let got = 0;
  let current: StageRow | undefined;
  for (const s of stages) {
    const w = WEIGHTS[s.stage] ?? 1;
    sum += w;
    const f = s.status === 'done' ? 1 : s.total > 0 ? Math.min(1, s.done / s.total) : 0;
    got += w * f;
    if (!current && s.status !== 'done') current = s;
  }
  const label = current ? `${current.stage}${current.total > 0 ? ` ${current.done}/${current.total}` : ''}` : 'done';
  return { fraction: sum > 0 ? got / sum : 0, label };
}

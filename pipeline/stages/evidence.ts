/**
 * Stage 8: evidence. The run's clues, in JCBH order, are cut into batches; each batch job renders
 * the chips of its clues from their image pairs (on any worker, in parallel), records them in the
 * store and queues the clues' records for delivery in the same transaction, so every clue is queued
 * once, with its evidence. A batch run again renders the same chips and changes nothing. The stage's
 * last job queues whatever is not queued yet (clues of a batch that failed for good, or every clue
 * when the run was started with --no-evidence), so no clue is left undelivered. The export then
 * writes the stored chips and pages to files where the run was started.
 */
import { enqueueClueRecords } from '../delivery/enqueue-clue-records.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';
import { renderClueChips, type PairClues } from '../evidence/render-evidence.ts';
import { recordEvidence } from '../evidence/record-evidence.ts';
import { loadRun } from '../runs/load-run.ts';
import { clearProblem } from '../runs/stage-status.ts';
import type { EvidenceBatchInput, RunInput } from '../runs/run-params.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';

/** Clues per batch job: small enough that two workers share the work evenly, large enough that opening the pair is noise. */
export const EVIDENCE_BATCH = 32;

export interface EvidenceClueRow {
  jcbh: string;
  before_path: string | null;
  after_path: string | null;
  /** SceneModel.shift of the clue's pair: the later date's misregistration its detection corrected. */
  shift: [number, number] | null;
  rendered: boolean;
  chips: number;
}

/** The run's clues (all, or the JCBH range [from, to]) with their pair and whether their evidence is recorded. */
export async function evidenceClues(db: Db, runId: string, from: string | null = null, to: string | null = null): Promise<EvidenceClueRow[]> {
  return (await db.query<EvidenceClueRow>(sql('stages-evidence-clues'), [runId, from, to])).rows;
}

/**
 * The batches still to render: the run's clues in JCBH order, EVIDENCE_BATCH at a time, keeping the
 * batches with a clue whose evidence is not recorded (deterministic, so a resubmission makes the same
 * batches).
 */
export async function unrenderedEvidenceBatches(db: Db, runId: string): Promise<EvidenceBatchInput[]> {
  const rows = await evidenceClues(db, runId);
  const out: EvidenceBatchInput[] = [];
  for (let i = 0; i < rows.length; i += EVIDENCE_BATCH) {
    const b = rows.slice(i, i + EVIDENCE_BATCH);
    if (b.some((r) => !r.rendered && r.before_path && r.after_path)) out.push({ runId, from: b[0].jcbh, to: b[b.length - 1].jcbh });
  }
  return out;
}

/** The batch jobs of the evidence stage: the unrendered batches, none when the run renders no evidence (--no-evidence). */
export async function pendingEvidenceBatches(db: Db, runId: string): Promise<EvidenceBatchInput[]> {
  if ((await loadRun(db, runId)).params.evidence === false) return [];
  return unrenderedEvidenceBatches(db, runId);
}

/** How a batch that failed for good is named among the run's problems (cleared when it succeeds later). */
export function evidenceBatchSubject(b: EvidenceBatchInput): string {
  return `clues ${b.from}…${b.to}`;
}

export interface EvidenceBatchOutput {
  clues: number;
  /** Clues no image covers (or without a pair). */
  outside: number;
  /** Records queued for delivery by this job. */
  queued: number;
}

export const evidenceBatch: StageHandler<EvidenceBatchInput, EvidenceBatchOutput> = async ({ runId, from, to }, ctx) => {
  const run = await loadRun(ctx.db, runId);
  const rows = await evidenceClues(ctx.db, runId, from, to);
  const records = new Map((await loadClueRecords(ctx.db, { runId, jcbhs: rows.map((r) => r.jcbh) })).map((r) => [r.JCBH, r]));
  const groups = new Map<string, PairClues>();
  for (const r of rows) {
    if (!r.before_path || !r.after_path) continue;
    const key = `${r.before_path}\u0000${r.after_path}`;
    const g = groups.get(key) ?? { beforePath: r.before_path, afterPath: r.after_path, ...(r.shift ? { shift: r.shift } : {}), records: [] };
    g.records.push(records.get(r.jcbh)!);
    groups.set(key, g);
  }
  const { evidence, outside } = await renderClueChips([...groups.values()], run.params.outDir, { bands: run.params.detect?.bands });
  ctx.signal.throwIfAborted();
  const queued = await ctx.db.tx(async (t) => {
    const { requeued } = await recordEvidence(t, evidence);
    return requeued + (await enqueueClueRecords(t, runId, rows.map((r) => r.jcbh)));
  });
  await ctx.db.query(sql('stages-evidence-progress'), [runId]);
  await clearProblem(ctx.db, runId, 'evidence', evidenceBatchSubject({ runId, from, to }));
  return { clues: rows.length, outside: outside.length + rows.filter((r) => !r.before_path || !r.after_path).length, queued };
};

/** The stage's last job: queues the records no batch queued. */
export const evidenceDone: StageHandler<RunInput, { queued: number }> = async ({ runId }, ctx) => {
  const queued = await ctx.db.tx((t) => enqueueClueRecords(t, runId));
  ctx.progress({ done: 1, total: 1 });
  return { queued };
};

export const evidenceBatchStage = {
  name: 'evidence',
  attempts: 3,
  backoffMs: 1000,
  timeoutMs: 300_000,
  handler: evidenceBatch,
} as const satisfies StageDef<EvidenceBatchInput, EvidenceBatchOutput>;

export const evidenceStage = {
  name: 'evidence',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 600_000,
  handler: evidenceDone,
} as const satisfies StageDef<RunInput, { queued: number }>;

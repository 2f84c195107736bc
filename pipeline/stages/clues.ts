/**
 * Stage 7: clues. One clue per suspected-violation patch, numbered XZQDM + year + sequence; clues are
 * unique by patch, so a re-run adds none. The county code comes from the run's --region (000000 when
 * none was given); QSX/HSX are the run's --qsx/--hsx, else the earliest earlier-date and latest later-date
 * acquisition dates of the tiles. The clues' records are queued for delivery by the evidence stage,
 * together with their evidence, so each is delivered once with its chips.
 */
import { createClues, type CreateCluesResult } from '../clues/create-clues.ts';
import { UNKNOWN_REGION } from '../clues/jcbh.ts';
import { loadRun } from '../runs/load-run.ts';
import type { RunInput } from '../runs/run-params.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';

export const clues: StageHandler<RunInput, CreateCluesResult> = async ({ runId }, ctx) => {
  const run = await loadRun(ctx.db, runId);
  const pairs = (await ctx.db.query<{ before_acquired: string | null; after_acquired: string | null }>(sql('stages-pairs'), [runId])).rows;
  const dates = (xs: (string | null)[]) => xs.filter((x): x is string => Boolean(x)).sort();
  const qsx = run.params.qsx ?? dates(pairs.map((p) => p.before_acquired))[0];
  const hsx = run.params.hsx ?? dates(pairs.map((p) => p.after_acquired)).at(-1);
  const r = await createClues(ctx.db, runId, { xzqdm: run.region ?? UNKNOWN_REGION, xzqmc: run.params.regionName, qsx, hsx });
  ctx.progress({ done: 1, total: 1 });
  return r;
};

export const cluesStage = {
  name: 'clues',
  attempts: 5,
  backoffMs: 2000,
  timeoutMs: 600_000,
  handler: clues,
} as const satisfies StageDef<RunInput, CreateCluesResult>;

/**
 * Stage 2: pair the dates by footprint overlap (in PostGIS): every earlier tile with every later
 * tile it overlaps. No pair at all is an input error (the dates do not cover the same ground).
 */
import { InputError } from '../errors.ts';
import type { RunInput } from '../runs/run-params.ts';
import { sql } from '../store/load-sql.ts';
import type { StageDef, StageHandler } from '../types.ts';

export interface PairOutput {
  pairs: number;
}

export const pairTiles: StageHandler<RunInput, PairOutput> = async ({ runId }, ctx) => {
  await ctx.db.query(sql('stages-pair-images'), [runId]);
  const { rowCount } = await ctx.db.query(sql('stages-pairs'), [runId]);
  if (rowCount === 0) throw new InputError('NO_OVERLAP', 'no earlier tile overlaps a later tile');
  ctx.progress({ done: 1, total: 1, label: `${rowCount} pairs` });
  return { pairs: rowCount };
};

export const pairStage = {
  name: 'pair',
  attempts: 5,
  backoffMs: 1000,
  timeoutMs: 60_000,
  handler: pairTiles,
} as const satisfies StageDef<RunInput, PairOutput>;

/**
 * Stage-level clue creation: every suspected patch of a run becomes a clue with a JCBH and a first
 * 'suspected' event, in one set-based statement (queries/clues-create-insert.sql). Idempotent: clues
 * are unique per patch, so a second call creates nothing and renumbers nothing. A patch that stops
 * being suspected after a rules change keeps its clue (the history is append-only; changing a clue's
 * status is the verification workflow's job).
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { assertXzqdm, normaliseDate } from './jcbh.ts';

export interface CreateCluesOptions {
  /** 6-digit county code (XZQDM); the JCBH prefix. Required. */
  xzqdm: string;
  /** County name (XZQMC). Default: null. */
  xzqmc?: string | null;
  /** Date of the earlier image (YYYY-MM-DD, YYYYMMDD or Date). Default: null. */
  qsx?: string | Date | null;
  /** Date of the later image. Default: null. */
  hsx?: string | Date | null;
  /** Year in the JCBH. Default: the year of HSX, else the current UTC year. */
  year?: number;
}

export interface CreateCluesResult {
  /** Clues inserted by this call. */
  created: number;
  /** Suspected patches of the run that already had a clue. */
  existing: number;
}

export async function createClues(db: Db, runId: string, opts: CreateCluesOptions): Promise<CreateCluesResult> {
  assertXzqdm(opts.xzqdm);
  const qsx = normaliseDate(opts.qsx, 'QSX');
  const hsx = normaliseDate(opts.hsx, 'HSX');
  const year = opts.year ?? (hsx ? Number(hsx.slice(0, 4)) : new Date().getUTCFullYear());
  return db.tx(async (t) => {
    await t.query(sql('clues-create-lock'), [opts.xzqdm, year]);
    const { rows } = await t.query<{ created: number; existing: number }>(sql('clues-create-insert'), [
      runId,
      opts.xzqdm,
      year,
      opts.xzqmc ?? null,
      qsx,
      hsx,
    ]);
    return { created: Number(rows[0].created), existing: Number(rows[0].existing) };
  });
}

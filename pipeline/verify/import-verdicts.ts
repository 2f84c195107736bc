/**
 * Verification feedback: appends a 'judged' event (verdict, actor, reason, time) to each clue's
 * history, bumps the clue's version and queues the changed record for delivery, all in one
 * transaction. Bad rows (unknown JCBH, verdict not 合法/违法/其他, unreadable time, no actor) are
 * returned one by one; the good rows still import.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { VERDICTS, type Verdict } from '../clues/clue-record.ts';
import { enqueueClueRecords } from '../delivery/enqueue-clue-records.ts';
import { parseVerdictTime } from './parse-verdict-time.ts';
import type { VerdictInputRow } from './read-verdict-file.ts';

export interface RejectedVerdictRow {
  line: number;
  jcbh: string;
  verdict: string;
  problem: string;
}

export interface ImportVerdictsResult {
  /** Events appended now. */
  imported: number;
  /** Rows identical to an event already in the history (a re-import): not appended again. */
  unchanged: number;
  rejected: RejectedVerdictRow[];
  /** Records queued in the outbox (one per changed clue). */
  enqueued: number;
}

export interface ImportVerdictsOptions {
  /** Actor for rows without one. Default: unset (such rows are rejected). */
  defaultActor?: string;
  /** Recorded in each event's data as `source`. Default: 'verify import'. */
  source?: string;
  /** Time for rows without one (ISO). Default: now. */
  now?: string;
}

/** English spellings some case systems export. */
const VERDICT_ALIASES: Record<string, Verdict> = { legal: '合法', illegal: '违法', other: '其他' };

export async function importVerdicts(db: Db, rows: VerdictInputRow[], opts: ImportVerdictsOptions = {}): Promise<ImportVerdictsResult> {
  const now = opts.now ?? new Date().toISOString();
  const rejected: RejectedVerdictRow[] = [];
  const good: (VerdictInputRow & { verdictNorm: Verdict; atIso: string; actor: string })[] = [];
  for (const r of rows) {
    const bad = (problem: string): void => void rejected.push({ line: r.line, jcbh: r.jcbh, verdict: r.verdict, problem });
    const v = (VERDICTS as readonly string[]).includes(r.verdict) ? (r.verdict as Verdict) : VERDICT_ALIASES[r.verdict.toLowerCase()];
    const atIso = r.at ? parseVerdictTime(r.at) : now;
    const actor = r.by || opts.defaultActor || '';
    if (!r.jcbh) bad('missing JCBH');
    else if (!v) bad(`bad verdict ${JSON.stringify(r.verdict)} (expected 合法, 违法 or 其他)`);
    else if (!atIso) bad(`unreadable time ${JSON.stringify(r.at)}`);
    else if (!actor) bad('missing actor (by)');
    else good.push({ ...r, verdictNorm: v, atIso, actor });
  }
  return db.tx(async (t) => {
    const known = new Set(
      (await t.query<{ jcbh: string }>(sql('verify-known-jcbhs'), [[...new Set(good.map((g) => g.jcbh))]])).rows.map((r) => r.jcbh),
    );
    const ok = good.filter((g) => {
      if (known.has(g.jcbh)) return true;
      rejected.push({ line: g.line, jcbh: g.jcbh, verdict: g.verdict, problem: 'unknown JCBH' });
      return false;
    });
    rejected.sort((a, b) => a.line - b.line);
    if (ok.length === 0) return { imported: 0, unchanged: 0, rejected, enqueued: 0 };
    const appended = (
      await t.query<{ jcbh: string; line: number }>(sql('verify-append-judged'), [
        ok.map((g) => g.jcbh),
        ok.map((g) => g.atIso),
        ok.map((g) => g.verdictNorm),
        ok.map((g) => g.actor),
        ok.map((g) => g.reason || null),
        ok.map((g) => JSON.stringify({ source: opts.source ?? 'verify import', line: g.line })),
      ])
    ).rows;
    const changed = appended.map((a) => a.jcbh);
    let enqueued = 0;
    if (changed.length > 0) {
      await t.query(sql('clue-bump-versions'), [changed]);
      enqueued = await enqueueClueRecords(t, null, [...new Set(changed)]);
    }
    return { imported: appended.length, unchanged: ok.length - appended.length, rejected, enqueued };
  });
}

/**
 * Records evidence in the store (clue_evidence, with the chips' bytes) in one transaction. A clue
 * whose evidence changed after its current version was queued for delivery gets a new version,
 * queued again, so the receiver sees the evidence; otherwise the next enqueue carries it.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { EvidenceRef } from '../clues/clue-record.ts';
import { enqueueClueRecords } from '../delivery/enqueue-clue-records.ts';

/** An evidence file of a clue; `content` is null for the HTML page (the export builds it). */
export interface StoredEvidence extends EvidenceRef {
  jcbh: string;
  content: Buffer | null;
}

export async function recordEvidence(db: Db, refs: StoredEvidence[]): Promise<{ changed: string[]; requeued: number }> {
  if (refs.length === 0) return { changed: [], requeued: 0 };
  // The files' bytes travel as one binary parameter, each row cut out of it by start and length.
  const starts: Array<number | null> = [];
  let at = 1;
  for (const r of refs) {
    starts.push(r.content ? at : null);
    at += r.content?.length ?? 0;
  }
  const contents = Buffer.concat(refs.flatMap((r) => (r.content ? [r.content] : [])));
  return db.tx(async (t) => {
    const { rows } = await t.query<{ jcbh: string }>(sql('clue-evidence-upsert'), [
      refs.map((r) => r.jcbh),
      refs.map((r) => r.kind),
      refs.map((r) => r.path),
      refs.map((r) => r.media_type ?? null),
      refs.map((r) => r.sha256 ?? null),
      contents,
      starts,
      refs.map((r) => r.content?.length ?? null),
    ]);
    const changed = [...new Set(rows.map((r) => r.jcbh))];
    if (changed.length === 0) return { changed, requeued: 0 };
    const queued = (await t.query<{ jcbh: string }>(sql('clue-queued-current'), [changed])).rows.map((r) => r.jcbh);
    if (queued.length === 0) return { changed, requeued: 0 };
    await t.query(sql('clue-bump-versions'), [queued]);
    return { changed, requeued: await enqueueClueRecords(t, null, queued) };
  });
}

/**
 * The export's evidence: chips + an HTML page per clue under <outDir>/evidence/<JCBH>/, each clue
 * drawn from the image pair its patch was detected on (so multi-tile runs get the right tiles).
 * A failure here is reported, not thrown: the GeoJSON, summary and run.json matter more than pictures.
 */
import { join } from 'node:path';
import { renderEvidence } from '../evidence/render-evidence.ts';
import { oneLine } from '../errors.ts';
import { sql } from '../store/load-sql.ts';
import type { Db } from '../store/db.ts';
import type { Progress } from '../types.ts';

export interface ExportEvidence {
  /** <outDir>/evidence */
  dir: string;
  /** Clues with a page. */
  clues: number;
  /** Files written (chips + pages). */
  files: number;
  /** Clues whose patch lies outside both images of its pair, or that have no pair. */
  outside: string[];
  /** Wall-clock seconds spent rendering. */
  seconds: number;
  /** Why rendering stopped, when it did (the other outputs are still written). */
  error?: string;
}

interface CluePair {
  jcbh: string;
  pair_id: string | null;
  before_path: string | null;
  after_path: string | null;
}

export async function exportEvidence(db: Db, runId: string, outDir: string, opts: { bands?: string; progress?: (p: Progress) => void } = {}): Promise<ExportEvidence> {
  const t0 = performance.now();
  const out: ExportEvidence = { dir: join(outDir, 'evidence'), clues: 0, files: 0, outside: [], seconds: 0 };
  const rows = (await db.query<CluePair>(sql('stages-export-clue-pairs'), [runId])).rows;
  const groups = new Map<string, { before: string; after: string; jcbhs: string[] }>();
  for (const r of rows) {
    if (!r.before_path || !r.after_path) {
      out.outside.push(r.jcbh);
      continue;
    }
    const key = `${r.before_path}\u0000${r.after_path}`;
    const g = groups.get(key) ?? { before: r.before_path, after: r.after_path, jcbhs: [] };
    g.jcbhs.push(r.jcbh);
    groups.set(key, g);
  }
  let done = 0;
  try {
    for (const g of groups.values()) {
      const base = done;
      const r = await renderEvidence(db, runId, {
        outDir,
        beforePath: g.before,
        afterPath: g.after,
        bands: opts.bands,
        jcbhs: g.jcbhs,
        progress: (p) => opts.progress?.({ done: base + p.done, total: rows.length, label: `evidence ${base + p.done}/${rows.length}` }),
      });
      done += r.clues;
      out.clues += r.clues - r.outside.length;
      out.files += r.files;
      out.outside.push(...r.outside);
    }
  } catch (err) {
    out.error = oneLine(err);
  }
  out.seconds = Math.round((performance.now() - t0) / 10) / 100;
  return out;
}

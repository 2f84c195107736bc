/**
 * The export's evidence: the stored chips and an HTML page per clue, written under
 * <outDir>/evidence/<JCBH>/. A failure is reported, not thrown: the GeoJSON, summary and run.json
 * matter more than pictures.
 */
import { join } from 'node:path';
import type { ClueRecord } from '../clues/clue-record.ts';
import { writeEvidenceFiles } from '../evidence/render-evidence.ts';
import { oneLine } from '../errors.ts';
import type { RunStatus } from '../runs/run-status.ts';
import type { Db } from '../store/db.ts';
import { evidenceClues } from './evidence.ts';

export interface ExportEvidence {
  /** <outDir>/evidence */
  dir: string;
  /** Clues with a page. */
  clues: number;
  /** Files written (chips + pages). */
  files: number;
  /** Clues whose patch lies outside both images of its pair, or that have no pair. */
  outside: string[];
  /** Wall-clock seconds spent rendering (the evidence stage, and the export when it rendered) and writing. */
  seconds: number;
  /** Why rendering stopped, when it did (the other outputs are still written). */
  error?: string;
}

/** `renderError`: why rendering missing evidence in the export stopped, if it did. */
export async function exportEvidence(db: Db, status: RunStatus, records: ClueRecord[], outDir: string, renderError?: string): Promise<ExportEvidence> {
  const t0 = performance.now();
  const runId = status.run.id;
  const out: ExportEvidence = { dir: join(outDir, 'evidence'), clues: 0, files: 0, outside: [], seconds: 0 };
  const rows = await evidenceClues(db, runId);
  const pairs = new Map(rows.flatMap((r) => (r.before_path && r.after_path ? [[r.jcbh, { beforePath: r.before_path, afterPath: r.after_path }] as const] : [])));
  const rendered = new Set(rows.filter((r) => r.rendered).map((r) => r.jcbh));
  for (const r of rows) if ((r.rendered || !pairs.has(r.jcbh)) && r.chips === 0) out.outside.push(r.jcbh);
  if (renderError) out.error = renderError;
  try {
    out.files = await writeEvidenceFiles(db, records.filter((r) => rendered.has(r.JCBH)), outDir, pairs);
    out.clues = rendered.size - out.outside.filter((j) => rendered.has(j)).length;
  } catch (err) {
    out.error = oneLine(err);
  }
  const stage = status.stages.find((s) => s.stage === 'evidence')?.seconds ?? 0;
  out.seconds = Math.round((stage + (performance.now() - t0) / 1000) * 100) / 100;
  return out;
}

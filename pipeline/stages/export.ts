/**
 * Stage 9: export to the run's output folder: patches.geojson (every patch with its verdict and
 * areas), clues.geojson (the validated clue.v1 records of the suspected violations, with JCBH, status
 * and history), evidence/<JCBH>/ (the before/after chips the evidence stage rendered + an HTML page per clue, unless turned off),
 * overview.png (the later date with the patches by severity), summary.md (counts and areas by
 * severity and county, clues, evidence) and run.json (id, parameters,
 * stage states, failed units, problems). GeoJSON is RFC 7946 lon/lat; files are written atomically,
 * so a re-run replaces them whole.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../io/write-file-atomic.ts';
import { InputError, oneLine } from '../errors.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';
import { toGeoJson } from '../exports/to-geojson.ts';
import { loadRun } from '../runs/load-run.ts';
import type { RunInput } from '../runs/run-params.ts';
import { runStatus } from '../runs/run-status.ts';
import { sql } from '../store/load-sql.ts';
import type { StageContext, StageDef, StageHandler } from '../types.ts';
import { evidenceBatch, unrenderedEvidenceBatches } from './evidence.ts';
import { exportEvidence, type ExportEvidence } from './export-evidence.ts';
import { SEVERITY_LEGEND } from '../exports/overview-map.ts';
import { writeRunOverview, type WrittenOverview } from '../exports/run-overview.ts';
import { summaryMarkdown, type SummaryPair, type SummaryPatch } from './summary-markdown.ts';

export interface ExportInput extends RunInput {
  /** Output folder; default: the run's --out. */
  outDir?: string;
  /**
   * Write the evidence chips and pages under <outDir>/evidence. Default: true; clues the evidence
   * stage did not render (a run started with --no-evidence, a batch that failed) are rendered here.
   */
  evidence?: boolean;
}

export interface ExportOutput {
  outDir: string;
  files: string[];
  patches: number;
  clues: number;
  /** Absent when evidence was turned off. */
  evidence?: ExportEvidence;
}

interface PatchRow extends SummaryPatch {
  patch_key: string;
  geometry: string;
  change_type: string | null;
  confidence: number | null;
  overlay: Record<string, unknown> | null;
  rule: string | null;
  suspected: boolean | null;
  jcbh: string | null;
}

const MU_PER_M2 = 15 / 10000;

export const exportRun: StageHandler<ExportInput, ExportOutput> = async (input, ctx) => {
  const run = await loadRun(ctx.db, input.runId);
  const outDir = resolve(input.outDir ?? run.params.outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new InputError('OUTPUT_UNWRITABLE', `${outDir}: cannot create the output folder`, { cause: err });
  }
  const patches = (await ctx.db.query<PatchRow>(sql('stages-export-patches'), [input.runId])).rows;
  const files = ['patches.geojson', 'clues.geojson', 'summary.md', 'run.json'].map((f) => join(outDir, f));

  await writeFileAtomic(files[0], async (append) => {
    await append('{"type":"FeatureCollection","features":[\n');
    for (const [i, p] of patches.entries()) {
      const properties = {
        patch_key: p.patch_key,
        suspected_violation: p.suspected === true,
        severity: p.severity ?? 'none',
        rule: p.rule,
        area_m2: round(p.area_m2, 2),
        area_mu: round(p.area_m2 * MU_PER_M2, 4),
        ...numericAreas(p.overlay),
        change_type: p.change_type,
        confidence: p.confidence,
        jcbh: p.jcbh,
        overlay: p.overlay,
      };
      await append(`${i ? ',\n' : ''}{"type":"Feature","geometry":${p.geometry},"properties":${JSON.stringify(properties)}}`);
    }
    await append('\n]}\n');
  });
  const overview = await writeRunOverview(ctx.db, input.runId, join(outDir, 'overview.png'), patches);
  if (overview.path) files.push(overview.path);
  const evidenceError = input.evidence === false ? undefined : await renderMissingEvidence(input.runId, ctx);
  const records = await loadClueRecords(ctx.db, { runId: input.runId });
  await writeFileAtomic(files[1], async (append) => {
    await append('{"type":"FeatureCollection","features":[\n');
    for (const [i, f] of toGeoJson(records).features.entries()) await append(`${i ? ',\n' : ''}${JSON.stringify(f)}`);
    await append('\n]}\n');
  });
  const status = await runStatus(ctx.db, input.runId);
  const evidence = input.evidence === false ? undefined : await exportEvidence(ctx.db, status, records, outDir, evidenceError);
  const pairs = (await ctx.db.query<SummaryPair>(sql('stages-pairs'), [input.runId])).rows;
  await writeFileAtomic(files[2], async (append) => append(summaryMarkdown(status, patches, pairs) + outputsMarkdown(outDir, records.length, evidence, overview)));
  const runJson = {
    id: run.id,
    status: run.status,
    created_at: run.created_at,
    finished_at: run.finished_at,
    params: run.params,
    stages: status.stages.map(({ stage, status: s, done, total, seconds, error }) => ({ stage, status: s, done, total, seconds, error })),
    units: status.units,
    failed_units: status.failedUnits,
    problems: status.problems,
    counts: { patches: patches.length, clues: records.length },
    overview: overview.path ? relative(outDir, overview.path) : null,
    ...(overview.error ? { overview_error: overview.error } : {}),
    evidence: evidence ? { dir: evidence.dir, clues: evidence.clues, files: evidence.files, outside: evidence.outside, seconds: evidence.seconds, error: evidence.error } : null,
  };
  await writeFileAtomic(files[3], async (append) => append(`${JSON.stringify(runJson, null, 2)}\n`));
  ctx.progress({ done: 1, total: 1 });
  return { outDir, files, patches: patches.length, clues: records.length, evidence };
};

/** Renders, here, the evidence batches the evidence stage left unrendered; returns why that stopped, if it did. */
async function renderMissingEvidence(runId: string, ctx: StageContext): Promise<string | undefined> {
  try {
    for (const b of await unrenderedEvidenceBatches(ctx.db, runId)) await evidenceBatch(b, ctx);
  } catch (err) {
    return oneLine(err);
  }
  return undefined;
}

/** The summary's last section: where the clues and their evidence are. */
function outputsMarkdown(outDir: string, clues: number, ev: ExportEvidence | undefined, overview: WrittenOverview): string {
  const lines = ['## Outputs', ''];
  if (overview.path) lines.push(`- ${relative(outDir, overview.path)}: the later date with every patch outlined by severity (${SEVERITY_LEGEND})`, '', `  ![overview](${relative(outDir, overview.path)})`, '');
  if (overview.error) lines.push(`- overview map not drawn: ${overview.error.replace(/\s+/g, ' ')}`);
  lines.push(`- clues.geojson: ${clues} clue${clues === 1 ? '' : 's'} (suspected violations, clue.v1 records with JCBH, status and history)`);
  if (!ev) lines.push('- evidence: not rendered (--no-evidence)');
  else {
    lines.push(`- evidence: ${relative(outDir, ev.dir) || '.'}/<JCBH>/index.html for ${ev.clues} clue${ev.clues === 1 ? '' : 's'} (${ev.files} files, ${ev.seconds} s)`);
    if (ev.outside.length > 0) lines.push(`- no image under ${ev.outside.length} clue${ev.outside.length === 1 ? '' : 's'}: ${ev.outside.join(', ')}`);
    if (ev.error) lines.push(`- evidence stopped: ${ev.error.replace(/\s+/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Top-level numeric fields of the overlay whose name says they are areas (e.g. farmland_m2). */
function numericAreas(overlay: Record<string, unknown> | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(overlay ?? {})) {
    if (k !== 'area_m2' && typeof v === 'number' && /(_m2|_mu|mj)$/i.test(k)) out[k] = round(v, 2);
  }
  return out;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export const exportStage = {
  name: 'export',
  attempts: 2,
  backoffMs: 1000,
  timeoutMs: 600_000,
  handler: exportRun,
} as const satisfies StageDef<ExportInput, ExportOutput>;

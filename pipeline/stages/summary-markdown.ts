/**
 * summary.md of a run: counts and areas by severity and county, the image pairs (with the
 * misregistration corrected in each), then failed units and problems.
 */
import { basename } from 'node:path';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { Grid } from '../../geo/types.ts';
import type { RunStatus } from '../runs/run-status.ts';

export interface SummaryPatch {
  area_m2: number;
  severity: string | null;
  xzqdm: string | null;
}

/** A pair as the cut stage left it (grid and model null when it was not cut). */
export interface SummaryPair {
  pair_id: string;
  before_path: string;
  after_path: string;
  grid: Grid | null;
  model: SceneModel | null;
  /** The model is the one its imagery's tiles share (fitSharedModel), not the pair's own fit; null: unknown. */
  shared_model: boolean | null;
}

const SEVERITIES = ['severe', 'high', 'medium', 'none'];
const MU_PER_M2 = 15 / 10000;

export function summaryMarkdown(status: RunStatus, patches: SummaryPatch[], pairs: SummaryPair[]): string {
  const { run } = status;
  const county = (p: SummaryPatch) => p.xzqdm ?? run.region ?? '—';
  const groups = new Map<string, { n: number; m2: number }>();
  for (const p of patches) {
    const key = `${county(p)}\u0000${p.severity ?? 'none'}`;
    const g = groups.get(key) ?? { n: 0, m2: 0 };
    g.n++;
    g.m2 += p.area_m2;
    groups.set(key, g);
  }
  const rows = [...groups.entries()]
    .map(([k, g]) => ({ county: k.split('\u0000')[0], severity: k.split('\u0000')[1], ...g }))
    .sort((a, b) => a.county.localeCompare(b.county) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const suspected = patches.filter((p) => p.severity && p.severity !== 'none');
  const lines = [
    `# Run ${run.id}`,
    '',
    `Status: ${run.status}. Patches: ${patches.length}; suspected violations: ${suspected.length} ` +
      `(${fmt(sum(suspected))} m², ${fmt(sum(suspected) * MU_PER_M2, 2)} 亩).`,
    '',
    '| county (XZQDM) | severity | patches | area m² | area 亩 |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.county} | ${r.severity} | ${r.n} | ${fmt(r.m2)} | ${fmt(r.m2 * MU_PER_M2, 2)} |`),
    '',
  ];
  if (pairs.length > 0) {
    lines.push(`## Image pairs (${pairs.length})`, '', '| pair | before → after | pixels | later date co-registered by (px) | scene model |', '| --- | --- | ---: | --- | --- |');
    for (const p of pairs) {
      const size = p.grid ? `${p.grid.width} × ${p.grid.height}` : 'not cut';
      const shift = p.model?.shift ? p.model.shift.join(', ') : p.model ? 'none' : '—';
      const model = p.shared_model === null ? '—' : p.shared_model ? 'shared with the imagery' : 'own';
      lines.push(`| ${p.pair_id} | ${cell(basename(p.before_path))} → ${cell(basename(p.after_path))} | ${size} | ${shift} | ${model} |`);
    }
    lines.push('');
  }
  if (status.failedUnits.length > 0) {
    lines.push(`## Failed units (${status.failedUnits.length})`, '', '| unit | error |', '| --- | --- |');
    for (const u of status.failedUnits) lines.push(`| ${u.unit_id} | ${cell(u.error)} |`);
    lines.push('');
  }
  if (status.problems.length > 0) {
    lines.push(`## Inputs not used (${status.problems.length})`, '', '| stage | input | error |', '| --- | --- | --- |');
    for (const p of status.problems) lines.push(`| ${p.stage} | ${cell(p.subject)} | ${cell(`${p.code ? `${p.code}: ` : ''}${p.message}`)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const sum = (ps: SummaryPatch[]) => ps.reduce((s, p) => s + p.area_m2, 0);
const fmt = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cell = (s: string | null) => (s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

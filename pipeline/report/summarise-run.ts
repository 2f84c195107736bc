/**
 * The county summary of a run: clues and areas by severity, change type and verification status,
 * and the accountability ratio = illegally occupied farmland / farmland taken by new construction
 * (flagged at 15 %). Areas are m² on the CGCS2000 ellipsoid (亩 beside them).
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { InputError } from '../errors.ts';
import { M2_PER_MU, SEVERITIES, type ClueRecord } from '../clues/clue-record.ts';
import { loadClueRecords } from '../clues/load-clue-records.ts';

/** Change types counted as new construction (the ratio's denominator). */
export const CONSTRUCTION_CHANGE_TYPES = ['vegetation_to_built', 'vegetation_to_bare'];
/** At or above this ratio the county's leaders are called to account. */
export const ACCOUNTABILITY_THRESHOLD = 0.15;

export interface AreaRow {
  key: string;
  count: number;
  tbmj_m2: number;
  gdmj_m2: number;
  jbntmj_m2: number;
}

/**
 * Which clues the numerator counts: 'verified' = all clues judged, numerator = GDMJ of 违法 ones;
 * 'suspected' = none judged yet, numerator = GDMJ of all suspected clues; 'mixed' = GDMJ of 违法
 * clues plus of those not judged yet (an upper bound until verification finishes).
 */
export type RatioBasis = 'verified' | 'suspected' | 'mixed';

export interface RunSummary {
  runId: string;
  runStatus: string;
  xzqdm: string | null;
  xzqmc: string | null;
  qsx: string | null;
  hsx: string | null;
  generatedAt: string;
  clues: number;
  bySeverity: AreaRow[];
  byChangeType: AreaRow[];
  byVerdict: AreaRow[];
  ratio: {
    basis: RatioBasis;
    numerator_m2: number;
    denominator_m2: number;
    /** null when no construction-type patch has farmland (or the overlay has not run). */
    value: number | null;
    threshold: number;
    flagged: boolean;
    constructionTypes: string[];
    constructionPatches: number;
  };
}

export interface SummariseOptions {
  constructionTypes?: string[];
  threshold?: number;
  now?: Date;
}

function group(records: ClueRecord[], keyOf: (r: ClueRecord) => string, order: string[] = []): AreaRow[] {
  const rows = new Map<string, AreaRow>();
  for (const k of order) rows.set(k, { key: k, count: 0, tbmj_m2: 0, gdmj_m2: 0, jbntmj_m2: 0 });
  for (const r of records) {
    const k = keyOf(r);
    const row = rows.get(k) ?? { key: k, count: 0, tbmj_m2: 0, gdmj_m2: 0, jbntmj_m2: 0 };
    row.count += 1;
    row.tbmj_m2 += r.TBMJ;
    row.gdmj_m2 += r.GDMJ;
    row.jbntmj_m2 += r.JBNTMJ;
    rows.set(k, row);
  }
  return [...rows.values()];
}

export const toMu = (m2: number): number => m2 / M2_PER_MU;

export async function summariseRun(db: Db, runId: string, opts: SummariseOptions = {}): Promise<RunSummary> {
  const run = (await db.query<{ id: string; status: string; region: string | null; params: Record<string, unknown> }>(sql('report-run-info'), [runId])).rows[0];
  if (!run) throw new InputError('RUN_NOT_FOUND', `run ${runId} not found`);
  const types = opts.constructionTypes ?? CONSTRUCTION_CHANGE_TYPES;
  const threshold = opts.threshold ?? ACCOUNTABILITY_THRESHOLD;
  const records = await loadClueRecords(db, { runId });
  const denom = (await db.query<{ patches: string; farmland_m2: number }>(sql('report-construction-farmland'), [runId, types])).rows[0];
  const inScope = records.filter((r) => types.includes(r.TBLX));
  const judged = inScope.filter((r) => r.VERDICT !== null);
  const basis: RatioBasis = judged.length === 0 ? 'suspected' : judged.length === inScope.length ? 'verified' : 'mixed';
  const numerator = inScope.filter((r) => r.VERDICT === '违法' || r.VERDICT === null).reduce((s, r) => s + r.GDMJ, 0);
  const denominator = Number(denom.farmland_m2);
  const value = denominator > 0 ? numerator / denominator : null;
  const dates = (xs: (string | null)[]): string[] => xs.filter((x): x is string => Boolean(x)).sort();
  return {
    runId,
    runStatus: run.status,
    xzqdm: run.region ?? records[0]?.XZQDM ?? null,
    xzqmc: records.find((r) => r.XZQMC)?.XZQMC ?? (typeof run.params.regionName === 'string' ? run.params.regionName : null),
    qsx: dates(records.map((r) => r.QSX))[0] ?? null,
    hsx: dates(records.map((r) => r.HSX)).at(-1) ?? null,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    clues: records.length,
    bySeverity: group(records, (r) => r.SEVERITY, [...SEVERITIES].reverse()).filter((r) => r.count > 0 || r.key !== 'none'),
    byChangeType: group(records, (r) => r.TBLX).sort((a, b) => b.gdmj_m2 - a.gdmj_m2),
    byVerdict: group(records, (r) => r.VERDICT ?? `未核查 (${r.STATUS})`, ['违法', '合法', '其他']),
    ratio: {
      basis,
      numerator_m2: numerator,
      denominator_m2: denominator,
      value,
      threshold,
      flagged: value !== null && value >= threshold,
      constructionTypes: types,
      constructionPatches: Number(denom.patches),
    },
  };
}

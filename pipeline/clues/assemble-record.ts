/**
 * Turns one row of the clue-records query into a clue.v1 record. The stored clues.record is written by
 * create-clues; this tolerates the shapes it may use (DLBM areas as a map or a list, flags as booleans
 * or 是/否, approvals as numbers or objects) so exports never depend on one writer's spelling.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import {
  M2_PER_MU,
  type ApprovalHit,
  type ClueRecord,
  type ClueStatus,
  type DlbmArea,
  type EvidenceRef,
  type HistoryEvent,
  type Severity,
  type Verdict,
} from './clue-record.ts';

export interface ClueRow {
  jcbh: string;
  original_jcbh: string | null;
  run_id: string;
  version: number;
  record: Record<string, unknown>;
  geometry: Polygon | MultiPolygon | null;
  centroid_lon: number | null;
  centroid_lat: number | null;
  events: HistoryEvent[];
  evidence: EvidenceRef[];
}

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
};
const round = (v: number, digits: number): number => Number(v.toFixed(digits));
const m2 = (v: unknown): number => round(Math.max(0, num(v)), 2);
const mu = (m2v: unknown, muv: unknown): number => round(Math.max(0, muv === undefined || muv === null ? num(m2v) / M2_PER_MU : num(muv)), 4);
const flag = (v: unknown): boolean => v === true || v === 1 || v === '是' || v === '1' || v === 'true' || v === 'Y';
const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const date = (v: unknown): string | null => {
  const s = str(v);
  if (!s) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
};

function dlbmAreas(v: unknown): DlbmArea[] {
  const out: DlbmArea[] = [];
  if (Array.isArray(v)) {
    for (const item of v as Record<string, unknown>[]) {
      const code = str(item.DLBM ?? item.dlbm ?? item.code);
      if (!code) continue;
      const a = item.MJ ?? item.area_m2 ?? item.m2 ?? item.area;
      out.push({ DLBM: code, DLMC: str(item.DLMC ?? item.dlmc ?? item.name), MJ: m2(a), MJ_MU: mu(a, item.MJ_MU ?? item.mu) });
    }
  } else if (v && typeof v === 'object') {
    for (const [code, a] of Object.entries(v as Record<string, unknown>)) {
      const o = a && typeof a === 'object' ? (a as Record<string, unknown>) : { m2: a };
      const area = o.m2 ?? o.MJ ?? o.area_m2;
      out.push({ DLBM: code, DLMC: str(o.DLMC ?? o.name), MJ: m2(area), MJ_MU: mu(area, o.mu ?? o.MJ_MU) });
    }
  }
  return out.sort((a, b) => b.MJ - a.MJ || a.DLBM.localeCompare(b.DLBM));
}

function approvals(v: unknown): ApprovalHit[] {
  if (!Array.isArray(v)) return [];
  return v.map((a): ApprovalHit => {
    if (a && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      const fraction = o.fraction ?? o.covered_fraction;
      return { ...o, approval_no: str(o.approval_no ?? o.PZWH ?? o.no), fraction: fraction === undefined || fraction === null ? null : num(fraction) };
    }
    return { approval_no: str(a), fraction: null };
  });
}

const SEVERITY_SET = new Set(['none', 'medium', 'high', 'severe']);

/** The full clue.v1 record for one row (not yet validated: call assertClueRecord). */
export function assembleRecord(row: ClueRow): ClueRecord {
  const r = row.record ?? {};
  const history: HistoryEvent[] = (row.events ?? []).map((e) => ({
    at: e.at,
    status: e.status,
    verdict: (e.verdict ?? null) as Verdict | null,
    actor: e.actor,
    reason: e.reason ?? null,
    data: e.data ?? {},
  }));
  const latest = history[history.length - 1];
  const lastVerdict = [...history].reverse().find((e) => e.verdict !== null)?.verdict ?? null;
  const trace = r.RULE_TRACE;
  const severity = String(r.SEVERITY ?? 'none');
  return {
    schema: 'clue.v1',
    JCBH: row.jcbh,
    ORIGINAL_JCBH: row.original_jcbh ?? str(r.ORIGINAL_JCBH),
    RUN_ID: row.run_id,
    VERSION: Number(row.version),
    XZQDM: String(r.XZQDM ?? ''),
    XZQMC: String(r.XZQMC ?? ''),
    QSX: date(r.QSX),
    HSX: date(r.HSX),
    TBMJ: m2(r.TBMJ),
    TBMJ_MU: mu(r.TBMJ, r.TBMJ_MU),
    GDMJ: m2(r.GDMJ),
    GDMJ_MU: mu(r.GDMJ, r.GDMJ_MU),
    JBNTMJ: m2(r.JBNTMJ),
    JBNTMJ_MU: mu(r.JBNTMJ, r.JBNTMJ_MU),
    DLBM_AREAS: dlbmAreas(r.DLBM_AREAS),
    SFYN: flag(r.SFYN),
    SFHX: flag(r.SFHX),
    TBLX: String(r.TBLX ?? 'other'),
    APPROVALS: approvals(r.APPROVALS),
    RULE: str(r.RULE),
    RULE_TRACE: Array.isArray(trace) ? trace : trace === undefined || trace === null ? [] : [trace],
    SEVERITY: (SEVERITY_SET.has(severity) ? severity : 'none') as Severity,
    REASON: String(r.REASON ?? ''),
    CENTROID: {
      lon: round(num(r.CENTROID_LON ?? row.centroid_lon), 8),
      lat: round(num(r.CENTROID_LAT ?? row.centroid_lat), 8),
    },
    geometry: row.geometry ?? ((r.geometry as Polygon | MultiPolygon | undefined) ?? null),
    EVIDENCE: (row.evidence ?? []).map((e) => ({ kind: e.kind, path: e.path, media_type: e.media_type ?? null, sha256: e.sha256 ?? null })),
    STATUS: (latest?.status ?? 'suspected') as ClueStatus,
    VERDICT: lastVerdict,
    HISTORY: history,
  };
}

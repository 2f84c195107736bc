/**
 * The clue.v1 record: what leaves landwatch for one clue (schemas/clue.v1.json is the contract).
 * Areas are m² on the CGCS2000 ellipsoid with a 亩 twin (1 亩 = 10000/15 m²); geometry is RFC 7946
 * longitude/latitude (CGCS2000 ≈ WGS84 to centimetres).
 */
import type { MultiPolygon, Polygon } from 'geojson';

export type ClueStatus = 'suspected' | 'field_verified' | 'judged' | 'split';
export type Verdict = '合法' | '违法' | '其他';
export type Severity = 'none' | 'medium' | 'high' | 'severe';

export const CLUE_SCHEMA_ID = 'clue.v1';
export const VERDICTS: readonly Verdict[] = ['合法', '违法', '其他'];
export const SEVERITIES: readonly Severity[] = ['none', 'medium', 'high', 'severe'];
/** m² per 亩. */
export const M2_PER_MU = 10000 / 15;

export interface DlbmArea {
  DLBM: string;
  DLMC?: string | null;
  /** m². */
  MJ: number;
  MJ_MU: number;
}

export interface ApprovalHit {
  approval_no: string | null;
  /** Covered fraction of the patch in [0, 1], when known. */
  fraction?: number | null;
  [key: string]: unknown;
}

export interface EvidenceRef {
  /** e.g. 'before_true', 'after_false', 'html'. */
  kind: string;
  path: string;
  media_type?: string | null;
  sha256?: string | null;
}

export interface HistoryEvent {
  /** ISO 8601 UTC. */
  at: string;
  status: ClueStatus;
  verdict: Verdict | null;
  actor: string;
  reason: string | null;
  data?: Record<string, unknown>;
}

export interface ClueRecord {
  schema: 'clue.v1';
  JCBH: string;
  ORIGINAL_JCBH: string | null;
  RUN_ID: string;
  VERSION: number;
  XZQDM: string;
  XZQMC: string;
  QSX: string | null;
  HSX: string | null;
  TBMJ: number;
  TBMJ_MU: number;
  GDMJ: number;
  GDMJ_MU: number;
  JBNTMJ: number;
  JBNTMJ_MU: number;
  DLBM_AREAS: DlbmArea[];
  SFYN: boolean;
  SFHX: boolean;
  TBLX: string;
  APPROVALS: ApprovalHit[];
  RULE: string | null;
  RULE_TRACE: unknown[];
  SEVERITY: Severity;
  REASON: string;
  CENTROID: { lon: number; lat: number };
  geometry: Polygon | MultiPolygon | null;
  EVIDENCE: EvidenceRef[];
  STATUS: ClueStatus;
  VERDICT: Verdict | null;
  HISTORY: HistoryEvent[];
}

/** Which clues to load; every field is optional (absent = no restriction). */
export interface ClueFilter {
  runId?: string;
  jcbhs?: string[];
  /** SEVERITY values to keep. */
  severities?: Severity[];
  /** XZQDM prefix, e.g. '3301' (a city) or '330106' (a county). */
  region?: string;
  /** Minimum TBMJ in m². */
  minAreaM2?: number;
  /** [minLon, minLat, maxLon, maxLat] in degrees; keeps patches that intersect it. */
  bbox?: [number, number, number, number];
}

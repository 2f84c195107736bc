/**
 * The flat view of a clue record that tables (CSV, DBF) show: scalar columns, lists joined, the
 * latest verdict with who gave it and when.
 */
import type { ClueRecord } from '../clues/clue-record.ts';

export interface FlatClue {
  JCBH: string;
  ORIGINAL_JCBH: string;
  XZQDM: string;
  XZQMC: string;
  QSX: string;
  HSX: string;
  TBMJ: number;
  TBMJ_MU: number;
  GDMJ: number;
  GDMJ_MU: number;
  JBNTMJ: number;
  JBNTMJ_MU: number;
  SFYN: string;
  SFHX: string;
  TBLX: string;
  SEVERITY: string;
  RULE: string;
  REASON: string;
  APPROVALS: string;
  DLBM_AREAS: string;
  CENTROID_LON: number;
  CENTROID_LAT: number;
  STATUS: string;
  VERDICT: string;
  VERDICT_BY: string;
  VERDICT_AT: string;
  VERSION: number;
}

export const FLAT_COLUMNS: (keyof FlatClue)[] = [
  'JCBH', 'ORIGINAL_JCBH', 'XZQDM', 'XZQMC', 'QSX', 'HSX', 'TBMJ', 'TBMJ_MU', 'GDMJ', 'GDMJ_MU', 'JBNTMJ', 'JBNTMJ_MU',
  'SFYN', 'SFHX', 'TBLX', 'SEVERITY', 'RULE', 'REASON', 'APPROVALS', 'DLBM_AREAS', 'CENTROID_LON', 'CENTROID_LAT',
  'STATUS', 'VERDICT', 'VERDICT_BY', 'VERDICT_AT', 'VERSION',
];

const yesNo = (b: boolean): string => (b ? '是' : '否');

export function flattenClue(r: ClueRecord): FlatClue {
  const judged = [...r.HISTORY].reverse().find((h) => h.verdict !== null);
  return {
    JCBH: r.JCBH,
    ORIGINAL_JCBH: r.ORIGINAL_JCBH ?? '',
    XZQDM: r.XZQDM,
    XZQMC: r.XZQMC,
    QSX: r.QSX ?? '',
    HSX: r.HSX ?? '',
    TBMJ: r.TBMJ,
    TBMJ_MU: r.TBMJ_MU,
    GDMJ: r.GDMJ,
    GDMJ_MU: r.GDMJ_MU,
    JBNTMJ: r.JBNTMJ,
    JBNTMJ_MU: r.JBNTMJ_MU,
    SFYN: yesNo(r.SFYN),
    SFHX: yesNo(r.SFHX),
    TBLX: r.TBLX,
    SEVERITY: r.SEVERITY,
    RULE: r.RULE ?? '',
    REASON: r.REASON,
    APPROVALS: r.APPROVALS.map((a) => a.approval_no ?? '').filter(Boolean).join(';'),
    DLBM_AREAS: r.DLBM_AREAS.map((d) => `${d.DLBM}:${d.MJ.toFixed(2)}`).join(';'),
    CENTROID_LON: r.CENTROID.lon,
    CENTROID_LAT: r.CENTROID.lat,
    STATUS: r.STATUS,
    VERDICT: r.VERDICT ?? '',
    VERDICT_BY: judged?.actor ?? '',
    VERDICT_AT: judged?.at ?? '',
    VERSION: r.VERSION,
  };
}

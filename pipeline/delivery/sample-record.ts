/** Test and bench support (not a test): a valid clue.v1 record with ~`padChars` of reason text. */
import type { ClueRecord } from '../clues/clue-record.ts';

export function sampleRecord(jcbh: string, padChars = 1500): ClueRecord {
  const ring = [[120.1, 30.2], [120.1004, 30.2], [120.1004, 30.2004], [120.1, 30.2004], [120.1, 30.2]];
  return {
    schema: 'clue.v1', JCBH: jcbh, ORIGINAL_JCBH: null, RUN_ID: 'bench', VERSION: 1, XZQDM: '330106', XZQMC: '西湖区',
    QSX: '2025-03-01', HSX: '2026-03-01', TBMJ: 1700, TBMJ_MU: 2.55, GDMJ: 1000, GDMJ_MU: 1.5, JBNTMJ: 500, JBNTMJ_MU: 0.75,
    DLBM_AREAS: [{ DLBM: '0101', DLMC: '水田', MJ: 1000, MJ_MU: 1.5 }], SFYN: true, SFHX: false, TBLX: 'vegetation_to_built',
    APPROVALS: [], RULE: 'R2', RULE_TRACE: [{ rule: 'R2' }], SEVERITY: 'high', REASON: `耕地上新增建设。${'x'.repeat(padChars)}`,
    CENTROID: { lon: 120.1002, lat: 30.2002 }, geometry: { type: 'Polygon', coordinates: [ring] }, EVIDENCE: [],
    STATUS: 'suspected', VERDICT: null, HISTORY: [{ at: '2026-03-02T00:00:00.000Z', status: 'suspected', verdict: null, actor: 'landwatch', reason: null }],
  };
}

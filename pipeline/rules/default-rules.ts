/**
 * The default rule set (issue 3 §4): first match wins. Fractions are of the patch's ellipsoidal area.
 *
 * Decisions recorded here:
 * - 1006 农村道路 counts as agricultural land (DOMAIN.md, GB/T 21010 三大类), so it is in agri_eco and
 *   not in construction.
 * - 1202 设施农用地 is agricultural for R4 but uses the construction/facility minimum mapping area
 *   (DOMAIN.md: "200 m² for construction and facility land"); construction is checked first when the
 *   minimum area is picked.
 * - R0 (below the minimum mapping area of the dominant land class: 200 / 400 / 600 m², unconfirmed
 *   defaults) runs first so slivers never become clues; drop it or set minAreas to null in a rules file
 *   to turn it off.
 */
import type { LandClasses, RuleSet } from './types.ts';

export const DEFAULT_CLASSES: LandClasses = {
  farmland: ['0101', '0102', '0103'],
  agri_eco: ['0101', '0102', '0103', '02', '03', '04', '1006', '1104', '1202'],
  construction: ['05', '06', '07', '08', '09', '1001', '1002', '1003', '1004', '1005', '1007', '1008', '1009', '1109', '1201', '1202'],
};

export const DEFAULT_MIN_AREAS = { construction: 200, agricultural: 400, other: 600 } as const;

export const DEFAULT_RULES: RuleSet = {
  name: 'default',
  version: 1,
  classes: DEFAULT_CLASSES,
  minAreas: { ...DEFAULT_MIN_AREAS },
  rules: [
    {
      id: 'R0',
      when: { metric: 'area_over_min', op: '<', value: 1 },
      suspected: false,
      severity: 'none',
      reason: {
        zh: '变化图斑面积{area_m2}平方米，小于最小上图面积{min_area_m2}平方米',
        en: 'The patch covers {area_m2} m², below the minimum mapping area of {min_area_m2} m²',
      },
    },
    {
      id: 'R1',
      when: { metric: 'approved', op: '>=', value: 0.5 },
      suspected: false,
      severity: 'none',
      reason: {
        zh: '变化图斑{approved}已有批准用地覆盖（{approvals}）',
        en: '{approved} of the patch is covered by approvals ({approvals})',
      },
    },
    {
      id: 'R2',
      when: { metric: 'pbf', op: '>=', value: 0.1 },
      suspected: true,
      severity: 'severe',
      reason: {
        zh: '变化图斑{pbf}位于永久基本农田内，未见足额批准用地（批准覆盖{approved}）',
        en: '{pbf} of the patch lies inside permanent basic farmland without sufficient approval ({approved} approved)',
      },
    },
    {
      id: 'R3',
      when: { metric: 'farmland', op: '>=', value: 0.5 },
      suspected: true,
      severity: 'high',
      reason: {
        zh: '变化图斑{farmland}位于耕地上，未见足额批准用地（批准覆盖{approved}）',
        en: '{farmland} of the patch lies on farmland without sufficient approval ({approved} approved)',
      },
    },
    {
      id: 'R4',
      when: { metric: 'agri_eco', op: '>=', value: 0.5 },
      suspected: true,
      severity: 'medium',
      reason: {
        zh: '变化图斑{agri_eco}位于耕地、园地、林地、草地等农用地或生态用地上，未见足额批准用地（批准覆盖{approved}）',
        en: '{agri_eco} of the patch lies on agricultural or ecological land without sufficient approval ({approved} approved)',
      },
    },
    {
      id: 'R5',
      when: 'otherwise',
      suspected: false,
      severity: 'none',
      reason: {
        zh: '变化图斑主要位于建设用地范围内（农用地及生态用地占{agri_eco}），不判定为疑似违法',
        en: 'The change lies mainly within construction land ({agri_eco} agricultural or ecological), not suspected',
      },
    },
  ],
};

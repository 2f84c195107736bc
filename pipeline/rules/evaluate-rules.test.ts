import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules.ts';
import { evaluateRules } from './evaluate-rules.ts';
import type { OverlayAreas } from './types.ts';

const base = (o: Partial<OverlayAreas>): OverlayAreas => ({
  area_m2: 10000, dlbm: {}, pbf_m2: 0, approved_m2: 0, approvals: [], redline_m2: 0, ...o,
});

describe('evaluateRules (default rule set)', () => {
  it('R1: approvals covering half the patch win over PBF and farmland', () => {
    const { verdict } = evaluateRules(base({ dlbm: { '0101': 10000 }, pbf_m2: 10000, approved_m2: 5000, approvals: ['A-1'] }), DEFAULT_RULES);
    expect(verdict).toMatchObject({ rule: 'R1', suspected: false, severity: 'none' });
    expect(verdict.trace.checked).toEqual(['R0', 'R1']);
    expect(verdict.trace.reason.zh).toBe('变化图斑50%已有批准用地覆盖（A-1）');
  });

  it('R2: 34 % inside PBF is severe, with the fractions in the trace', () => {
    const { verdict, overlay } = evaluateRules(base({ dlbm: { '0101A': 8000, '0701': 2000 }, pbf_m2: 3400 }), DEFAULT_RULES);
    expect(verdict).toMatchObject({ rule: 'R2', suspected: true, severity: 'severe' });
    expect(verdict.trace.fractions).toEqual({ approved: 0, pbf: 0.34, farmland: 0.8, agri_eco: 0.8, redline: 0 });
    expect(verdict.trace.checked).toEqual(['R0', 'R1', 'R2']);
    expect(verdict.trace.reason.zh).toBe('变化图斑34%位于永久基本农田内，未见足额批准用地（批准覆盖0%）');
    expect(overlay.farmland_m2).toBe(8000);
  });

  it('R3 at exactly 50 % farmland (letter suffixes match by prefix)', () => {
    const { verdict } = evaluateRules(base({ dlbm: { '0102K': 5000, '0702': 5000 }, pbf_m2: 999 }), DEFAULT_RULES);
    expect(verdict).toMatchObject({ rule: 'R3', suspected: true, severity: 'high' });
  });

  it('R4: orchard, forest, grass, ponds, rural roads and facility land count; 1107 does not', () => {
    const { verdict, overlay } = evaluateRules(
      base({ dlbm: { '0201': 1000, '0301': 1000, '0401': 1000, '1104A': 1000, '1006': 500, '1202': 500, '1107': 4000, '0101': 1000 } }),
      DEFAULT_RULES,
    );
    expect(overlay.agri_eco_m2).toBe(6000);
    expect(verdict).toMatchObject({ rule: 'R4', suspected: true, severity: 'medium' });
  });

  it('R5: construction land is not suspected', () => {
    const { verdict } = evaluateRules(base({ dlbm: { '0701': 6000, '0101': 4000 } }), DEFAULT_RULES);
    expect(verdict).toMatchObject({ rule: 'R5', suspected: false, severity: 'none' });
    expect(verdict.trace.checked).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5']);
  });

  it('R0: minimum mapping area by dominant land class (400 m² agricultural, 200 construction)', () => {
    expect(evaluateRules(base({ area_m2: 399, dlbm: { '0101': 399 } }), DEFAULT_RULES).verdict.rule).toBe('R0');
    expect(evaluateRules(base({ area_m2: 401, dlbm: { '0101': 401 } }), DEFAULT_RULES).verdict.rule).toBe('R3');
    expect(evaluateRules(base({ area_m2: 300, dlbm: { '0701': 300 } }), DEFAULT_RULES).verdict.rule).toBe('R5');
    expect(evaluateRules(base({ area_m2: 500, dlbm: {} }), DEFAULT_RULES).verdict).toMatchObject({ rule: 'R0' });
    const off = { ...DEFAULT_RULES, minAreas: null };
    expect(evaluateRules(base({ area_m2: 100, dlbm: { '0101': 100 } }), off).verdict.rule).toBe('R3');
  });

  it('fractions are clamped to 1 when rounding makes a piece exceed the patch', () => {
    const { verdict } = evaluateRules(base({ dlbm: { '0101': 10000.004 }, pbf_m2: 10000.01 }), DEFAULT_RULES);
    expect(verdict.trace.fractions.pbf).toBe(1);
    expect(verdict.trace.reason.en).toContain('100% of the patch lies inside permanent basic farmland');
  });
});

/**
 * The rule evaluator: measures the fractions of one patch from its overlay and returns the first rule
 * that matches, with a trace of the rules checked and the fractions that decided. Pure.
 */
import { classAreas } from './land-classes.ts';
import { formatReason } from './format-reason.ts';
import type { Condition, Metrics, Overlay, OverlayAreas, Rule, RuleSet, Verdict } from './types.ts';

/** Fractions are clamped to [0, 1]: intersections can exceed the patch area by rounding. */
function frac(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(1, Math.max(0, part / whole));
}

function test(cond: Condition, metrics: Metrics): boolean {
  const v = metrics[cond.metric];
  switch (cond.op) {
    case '>=': return v >= cond.value;
    case '>': return v > cond.value;
    case '<=': return v <= cond.value;
    case '<': return v < cond.value;
    case '==': return v === cond.value;
    case '!=': return v !== cond.value;
  }
}

function matches(rule: Rule, metrics: Metrics): boolean {
  if (rule.when === 'otherwise') return true;
  const conds = Array.isArray(rule.when) ? rule.when : [rule.when];
  return conds.every((c) => test(c, metrics));
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function evaluateRules(areas: OverlayAreas, ruleSet: RuleSet): { overlay: Overlay; verdict: Verdict } {
  const cls = classAreas(areas.dlbm, ruleSet.classes);
  const overlay: Overlay = { ...areas, farmland_m2: cls.farmland_m2, agri_eco_m2: cls.agri_eco_m2 };
  const a = areas.area_m2;
  const minArea = ruleSet.minAreas ? ruleSet.minAreas[cls.dominant] : null;
  const metrics: Metrics = {
    approved: frac(areas.approved_m2, a),
    pbf: frac(areas.pbf_m2, a),
    farmland: frac(cls.farmland_m2, a),
    agri_eco: frac(cls.agri_eco_m2, a),
    redline: frac(areas.redline_m2, a),
    area_m2: a,
    farmland_m2: cls.farmland_m2,
    pbf_m2: areas.pbf_m2,
    approved_m2: areas.approved_m2,
    redline_m2: areas.redline_m2,
    area_over_min: minArea !== null && minArea > 0 ? a / minArea : Number.POSITIVE_INFINITY,
  };
  const checked: string[] = [];
  let fired: Rule | undefined;
  for (const rule of ruleSet.rules) {
    checked.push(rule.id);
    if (matches(rule, metrics)) {
      fired = rule;
      break;
    }
  }
  // load-rules.ts guarantees a final 'otherwise'; a hand-built set without one falls back to "no rule".
  const rule: Rule = fired ?? {
    id: 'NONE',
    when: 'otherwise',
    suspected: false,
    severity: 'none',
    reason: { zh: '没有规则适用', en: 'No rule applies' },
  };
  const input = { metrics, overlay, minAreaM2: minArea, landClass: cls.dominant };
  return {
    overlay,
    verdict: {
      rule: rule.id,
      suspected: rule.suspected,
      severity: rule.severity,
      trace: {
        rule: rule.id,
        ruleset: ruleSet.name,
        fractions: {
          approved: round4(metrics.approved),
          pbf: round4(metrics.pbf),
          farmland: round4(metrics.farmland),
          agri_eco: round4(metrics.agri_eco),
          redline: round4(metrics.redline),
        },
        land_class: cls.dominant,
        min_area_m2: minArea,
        checked,
        reason: { zh: formatReason(rule.reason.zh, 'zh', input), en: formatReason(rule.reason.en, 'en', input) },
      },
    },
  };
}

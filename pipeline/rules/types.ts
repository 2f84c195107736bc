/**
 * Plain-data shapes of the rule engine. A rule set is JSON-compatible so a rules file can replace the
 * default one; the evaluator (evaluate-rules.ts) is pure and order-sensitive: the first match wins.
 */

export type Severity = 'none' | 'medium' | 'high' | 'severe';
export const SEVERITIES: readonly Severity[] = ['none', 'medium', 'high', 'severe'];

/**
 * What a condition can test. Fractions are in [0, 1] of the patch's ellipsoidal area:
 * approved, pbf, farmland, agri_eco, redline. Areas are m² on the CGCS2000 ellipsoid: area_m2,
 * farmland_m2, pbf_m2, approved_m2, redline_m2. area_over_min is area_m2 divided by the minimum
 * mapping area of the patch's dominant land class (Infinity when minimum areas are off).
 */
export type Metric =
  | 'approved'
  | 'pbf'
  | 'farmland'
  | 'agri_eco'
  | 'redline'
  | 'area_m2'
  | 'farmland_m2'
  | 'pbf_m2'
  | 'approved_m2'
  | 'redline_m2'
  | 'area_over_min';
export const METRICS: readonly Metric[] = [
  'approved',
  'pbf',
  'farmland',
  'agri_eco',
  'redline',
  'area_m2',
  'farmland_m2',
  'pbf_m2',
  'approved_m2',
  'redline_m2',
  'area_over_min',
];

export type Op = '>=' | '>' | '<=' | '<' | '==' | '!=';
export const OPS: readonly Op[] = ['>=', '>', '<=', '<', '==', '!='];

export interface Condition {
  metric: Metric;
  op: Op;
  value: number;
}

export interface Rule {
  /** Short stable id, e.g. 'R2'; it is what patches.rule and the clue's RULE hold. */
  id: string;
  /** One condition, several (all must hold), or 'otherwise' (always matches). */
  when: Condition | Condition[] | 'otherwise';
  suspected: boolean;
  severity: Severity;
  /**
   * Reason templates. Placeholders: {approved} {pbf} {farmland} {agri_eco} {redline} as percentages,
   * {area_m2} {farmland_m2} {pbf_m2} {approved_m2} {redline_m2} {min_area_m2} in m², the same with
   * _mu instead of _m2 in 亩, {approvals} (list of approval numbers), {land_class}.
   */
  reason: { zh: string; en: string };
}

/** Land class used to pick the minimum mapping area. */
export type LandClass = 'construction' | 'agricultural' | 'other';

/** DLBM prefixes of each class (codes carry letter suffixes, so matching is by prefix). */
export interface LandClasses {
  /** 耕地: area counted as farmland_m2 / GDMJ. Default 0101, 0102, 0103. */
  farmland: string[];
  /** Agricultural or ecological land including farmland (rule R4). */
  agri_eco: string[];
  /** Construction and facility land (for the minimum mapping area only). */
  construction: string[];
}

export interface RuleSet {
  /** Name recorded in every rule trace, e.g. 'default' or the rules file's own name. */
  name: string;
  version: 1;
  classes: LandClasses;
  /** Minimum mapping area in m² per land class; null turns the area_over_min metric off. */
  minAreas: Record<LandClass, number> | null;
  rules: Rule[];
}

/** What the overlay SQL measures for one patch (areas in m², ellipsoidal on CGCS2000). */
export interface OverlayAreas {
  area_m2: number;
  /** Area per DLBM code inside the patch. */
  dlbm: Record<string, number>;
  pbf_m2: number;
  approved_m2: number;
  /** Approval numbers whose polygons overlap the patch with positive area, sorted. */
  approvals: string[];
  redline_m2: number;
}

/** OverlayAreas plus the class areas derived from the DLBM breakdown; this is patches.overlay. */
export interface Overlay extends OverlayAreas {
  farmland_m2: number;
  agri_eco_m2: number;
}

export type Metrics = Record<Metric, number>;

export interface RuleTrace {
  rule: string;
  ruleset: string;
  fractions: { approved: number; pbf: number; farmland: number; agri_eco: number; redline: number };
  land_class: LandClass;
  min_area_m2: number | null;
  /** Rule ids tested in order, ending with the one that fired. */
  checked: string[];
  reason: { zh: string; en: string };
}

export interface Verdict {
  rule: string;
  suspected: boolean;
  severity: Severity;
  trace: RuleTrace;
}

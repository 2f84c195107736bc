/**
 * Reads and validates a JSON rules file. Every problem becomes an InputError naming the file and the
 * field (e.g. "rules.json: rules[2].when.metric: unknown metric 'pfb'"). Missing `classes` or
 * `minAreas` take the defaults; `rules` is required and must end with an 'otherwise' rule so every
 * patch gets a verdict.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { DEFAULT_CLASSES, DEFAULT_MIN_AREAS } from './default-rules.ts';
import { PLACEHOLDERS } from './format-reason.ts';
import { METRICS, OPS, SEVERITIES } from './types.ts';
import type { Condition, LandClasses, Rule, RuleSet } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function loadRulesFile(path: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError('FILE_NOT_FOUND', `rules file ${path}: cannot read it`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError('FILE_UNREADABLE', `rules file ${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  return parseRuleSet(json, path);
}

/** Validates parsed JSON as a rule set; `source` names it in error messages. */
export function parseRuleSet(json: unknown, source = 'rules'): RuleSet {
  const bad = (field: string, msg: string): never => {
    throw new InputError('BAD_OPTION', `${source}: ${field}: ${msg}`);
  };
  const missing = (field: string): never => {
    throw new InputError('FIELD_MISSING', `${source}: ${field}: required`);
  };
  if (!isObj(json)) return bad('(root)', 'expected an object with a "rules" array');
  if (json.version !== undefined && json.version !== 1) bad('version', `unsupported version ${JSON.stringify(json.version)} (expected 1)`);
  const name = json.name === undefined ? source : json.name;
  if (typeof name !== 'string' || name === '') bad('name', 'expected a non-empty string');

  let classes: LandClasses = DEFAULT_CLASSES;
  if (json.classes !== undefined) {
    if (!isObj(json.classes)) bad('classes', 'expected an object');
    const c = json.classes as Obj;
    const list = (k: keyof LandClasses): string[] => {
      const v = c[k];
      if (v === undefined) return DEFAULT_CLASSES[k];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !/^\d{2,}[A-Za-z0-9]*$/.test(x))) {
        return bad(`classes.${k}`, 'expected an array of DLBM code prefixes such as "0101" or "02"');
      }
      return v as string[];
    };
    classes = { farmland: list('farmland'), agri_eco: list('agri_eco'), construction: list('construction') };
  }

  let minAreas: RuleSet['minAreas'] = { ...DEFAULT_MIN_AREAS };
  if (json.minAreas === null) minAreas = null;
  else if (json.minAreas !== undefined) {
    if (!isObj(json.minAreas)) bad('minAreas', 'expected an object or null');
    const m = json.minAreas as Obj;
    for (const k of Object.keys(m)) if (!(k in DEFAULT_MIN_AREAS)) bad(`minAreas.${k}`, 'unknown land class (construction, agricultural, other)');
    const num = (k: 'construction' | 'agricultural' | 'other'): number => {
      const v = m[k] ?? DEFAULT_MIN_AREAS[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return bad(`minAreas.${k}`, 'expected a number of m² ≥ 0');
      return v;
    };
    minAreas = { construction: num('construction'), agricultural: num('agricultural'), other: num('other') };
  }

  if (json.rules === undefined) missing('rules');
  if (!Array.isArray(json.rules) || json.rules.length === 0) bad('rules', 'expected a non-empty array');
  const ids = new Set<string>();
  const rules = (json.rules as unknown[]).map((r, i): Rule => {
    const at = `rules[${i}]`;
    if (!isObj(r)) return bad(at, 'expected an object');
    if (r.id === undefined) missing(`${at}.id`);
    if (typeof r.id !== 'string' || !/^[\w.-]{1,32}$/.test(r.id)) bad(`${at}.id`, 'expected a short identifier');
    if (ids.has(r.id as string)) bad(`${at}.id`, `duplicate id '${r.id as string}'`);
    ids.add(r.id as string);
    if (r.when === undefined) missing(`${at}.when`);
    const when = r.when === 'otherwise' ? 'otherwise' : Array.isArray(r.when)
      ? r.when.map((c, j) => parseCondition(c, `${at}.when[${j}]`, bad, missing))
      : parseCondition(r.when, `${at}.when`, bad, missing);
    if (Array.isArray(when) && when.length === 0) bad(`${at}.when`, 'expected at least one condition');
    if (typeof r.suspected !== 'boolean') r.suspected === undefined ? missing(`${at}.suspected`) : bad(`${at}.suspected`, 'expected true or false');
    if (!SEVERITIES.includes(r.severity as never)) {
      r.severity === undefined ? missing(`${at}.severity`) : bad(`${at}.severity`, `expected one of ${SEVERITIES.join(', ')}`);
    }
    if (r.reason === undefined) missing(`${at}.reason`);
    if (!isObj(r.reason)) return bad(`${at}.reason`, 'expected { "zh": "...", "en": "..." }');
    const reason = r.reason as Obj;
    for (const lang of ['zh', 'en'] as const) {
      const t = reason[lang];
      if (typeof t !== 'string' || t === '') bad(`${at}.reason.${lang}`, 'expected a non-empty string');
      for (const m of (t as string).matchAll(/\{(\w+)\}/g)) {
        if (!PLACEHOLDERS.includes(m[1])) bad(`${at}.reason.${lang}`, `unknown placeholder {${m[1]}}`);
      }
    }
    return { id: r.id as string, when, suspected: r.suspected as boolean, severity: r.severity as Rule['severity'], reason: { zh: reason.zh as string, en: reason.en as string } };
  });
  const last = rules.length - 1;
  if (rules[last].when !== 'otherwise') bad(`rules[${last}].when`, "the last rule must be 'otherwise' so every patch gets a verdict");
  return { name: name as string, version: 1, classes, minAreas, rules };
}

function parseCondition(c: unknown, at: string, bad: (f: string, m: string) => never, missing: (f: string) => never): Condition {
  if (!isObj(c)) return bad(at, "expected { metric, op, value } or 'otherwise'");
  if (c.metric === undefined) missing(`${at}.metric`);
  if (!METRICS.includes(c.metric as never)) bad(`${at}.metric`, `unknown metric ${JSON.stringify(c.metric)} (expected one of ${METRICS.join(', ')})`);
  if (c.op === undefined) missing(`${at}.op`);
  if (!OPS.includes(c.op as never)) bad(`${at}.op`, `unknown operator ${JSON.stringify(c.op)} (expected one of ${OPS.join(' ')})`);
  if (c.value === undefined) missing(`${at}.value`);
  if (typeof c.value !== 'number' || !Number.isFinite(c.value)) bad(`${at}.value`, 'expected a finite number');
  return { metric: c.metric as Condition['metric'], op: c.op as Condition['op'], value: c.value as number };
}

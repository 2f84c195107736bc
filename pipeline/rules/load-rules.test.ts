import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { loadRulesFile, parseRuleSet } from './load-rules.ts';

const err = (fn: () => unknown): InputError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('parseRuleSet', () => {
  it('round-trips the default rule set through JSON', () => {
    expect(parseRuleSet(JSON.parse(JSON.stringify(DEFAULT_RULES)), 'x')).toEqual(DEFAULT_RULES);
  });

  it('fills classes and minAreas from the defaults, and accepts minAreas null', () => {
    const rs = parseRuleSet({ rules: [{ id: 'ALL', when: 'otherwise', suspected: true, severity: 'high', reason: { zh: '全部', en: 'all {pbf}' } }], minAreas: null }, 'f.json');
    expect(rs.name).toBe('f.json');
    expect(rs.classes).toEqual(DEFAULT_RULES.classes);
    expect(rs.minAreas).toBeNull();
  });

  it.each([
    [{ rules: [{ id: 'A', when: { metric: 'pfb', op: '>=', value: 1 } }] }, "r.json: rules[0].when.metric: unknown metric \"pfb\""],
    [{ rules: [{ id: 'A', when: 'otherwise', suspected: 'yes' }] }, 'r.json: rules[0].suspected: expected true or false'],
    [{ rules: [{ id: 'A', when: 'otherwise', suspected: true, severity: 'grave' }] }, 'r.json: rules[0].severity'],
    [{ rules: [{ id: 'A', when: 'otherwise', suspected: true, severity: 'high', reason: { zh: '{foo}', en: 'x' } }] }, 'rules[0].reason.zh: unknown placeholder {foo}'],
    [{ rules: [{ id: 'A', when: { metric: 'pbf', op: '>=', value: 0.1 }, suspected: true, severity: 'high', reason: { zh: 'a', en: 'b' } }] }, "rules[0].when: the last rule must be 'otherwise'"],
    [{ minAreas: { farm: 1 }, rules: [] }, 'minAreas.farm: unknown land class'],
    [{ classes: { farmland: ['01*'] }, rules: [] }, 'classes.farmland'],
    [{}, 'r.json: rules: required'],
  ])('rejects %j naming the field', (json, message) => {
    const e = err(() => parseRuleSet(json, 'r.json'));
    expect(e.message).toContain(message);
  });

  it('loadRulesFile reports bad JSON and missing files as InputError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'bad.json'), '{ rules: ');
    await expect(loadRulesFile(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    await expect(loadRulesFile(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(DEFAULT_RULES));
    expect((await loadRulesFile(join(dir, 'ok.json'))).rules.map((r) => r.id)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLUE_SCHEMA_PATH } from './validate-clue.ts';

describe('README.md', () => {
  it('embeds the current clue.v1 schema verbatim', () => {
    const doc = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const embedded = /```json\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('<details>')))?.[1];
    expect(JSON.parse(embedded ?? 'null')).toEqual(JSON.parse(readFileSync(CLUE_SCHEMA_PATH, 'utf8')));
  });
});

/**
 * Validates records against schemas/clue.v1.json with ajv (draft 2020-12) + ajv-formats. Every record
 * passes here before it is written to a file or the outbox, or sent.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { InputError } from '../errors.ts';
import type { ClueRecord } from './clue-record.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the typed function sits on `.default`.
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

export const CLUE_SCHEMA_PATH = new URL('../../schemas/clue.v1.json', import.meta.url);

let compiled: ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

function validator(): typeof compiled {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(CLUE_SCHEMA_PATH, 'utf8')));
  }
  return compiled;
}

/** Problems with `record` as one-line strings ('/TBMJ must be >= 0'); empty when valid. */
export function clueRecordProblems(record: unknown): string[] {
  const validate = validator();
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Throws InputError RECORD_INVALID naming the clue and its first problems. */
export function assertClueRecord(record: unknown): asserts record is ClueRecord {
  const problems = clueRecordProblems(record);
  if (problems.length === 0) return;
  const jcbh = (record as { JCBH?: unknown } | null)?.JCBH ?? '?';
  throw new InputError('RECORD_INVALID', `clue ${String(jcbh)} is not a valid clue.v1 record: ${problems.slice(0, 3).join('; ')}`);
}

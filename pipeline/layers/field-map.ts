/**
 * Which source attribute fills which layer_features column. Defaults (matched case-insensitively,
 * first name found wins):
 * | column        | kinds    | default source fields                  | required |
 * | dlbm          | landuse  | DLBM                                   | yes      |
 * | dlmc          | landuse  | DLMC                                   | no       |
 * | approval_no   | approved | PZWH, PZWJH, approval_no               | no       |
 * | approval_doc  | approved | PZWJ, PZJG, approval_doc               | no       |
 * | approval_date | approved | PZRQ, PZSJ, approval_date              | no       |
 * An explicit `--field column=NAME` must exist in the file (exact name, else case-insensitive).
 */
import { InputError } from '../errors.ts';
import { MAPPED_COLUMNS, type LayerKind, type MappedColumn } from './types.ts';

export type FieldMap = Partial<Record<MappedColumn, string>>;

const DEFAULTS: Record<LayerKind, { column: MappedColumn; names: string[]; required: boolean }[]> = {
  landuse: [
    { column: 'dlbm', names: ['DLBM'], required: true },
    { column: 'dlmc', names: ['DLMC'], required: false },
  ],
  approved: [
    { column: 'approval_no', names: ['PZWH', 'PZWJH', 'approval_no'], required: false },
    { column: 'approval_doc', names: ['PZWJ', 'PZJG', 'approval_doc'], required: false },
    { column: 'approval_date', names: ['PZRQ', 'PZSJ', 'approval_date'], required: false },
  ],
  farmland: [],
  redline: [],
  plan: [],
};

function find(fields: string[], name: string): string | undefined {
  return fields.find((f) => f === name) ?? fields.find((f) => f.toLowerCase() === name.toLowerCase());
}

function missing(what: string, fields: string[], source: string): InputError {
  const list = fields.length ? fields.map((f) => JSON.stringify(f)).join(', ') : '(none)';
  return new InputError('FIELD_MISSING', `${source} has no field ${what}; its fields are: ${list}`);
}

/** Resolves explicit and default mappings against the file's fields. */
export function resolveFieldMap(kind: LayerKind, fields: string[], explicit: FieldMap, source: string): FieldMap {
  const out: FieldMap = {};
  for (const [column, name] of Object.entries(explicit) as [MappedColumn, string][]) {
    if (!MAPPED_COLUMNS.includes(column)) throw new InputError('BAD_OPTION', `--field ${column}=…: column must be one of ${MAPPED_COLUMNS.join(', ')}`);
    const hit = find(fields, name);
    if (!hit) throw missing(`${JSON.stringify(name)} (for --field ${column})`, fields, source);
    out[column] = hit;
  }
  for (const d of DEFAULTS[kind]) {
    if (out[d.column]) continue;
    const hit = d.names.map((n) => find(fields, n)).find((x) => x !== undefined);
    if (hit) out[d.column] = hit;
    else if (d.required) throw missing(`${d.names.join('/')} (${d.column}, needed for a ${kind} layer; map another with --field ${d.column}=NAME)`, fields, source);
  }
  return out;
}

/** Parses `--field column=NAME` values. */
export function parseFieldOptions(values: string[]): FieldMap {
  const out: FieldMap = {};
  for (const v of values) {
    const i = v.indexOf('=');
    const column = v.slice(0, i) as MappedColumn;
    if (i <= 0 || i === v.length - 1 || !MAPPED_COLUMNS.includes(column)) {
      throw new InputError('BAD_OPTION', `--field ${JSON.stringify(v)}: expected column=NAME with column one of ${MAPPED_COLUMNS.join(', ')}`);
    }
    out[column] = v.slice(i + 1);
  }
  return out;
}

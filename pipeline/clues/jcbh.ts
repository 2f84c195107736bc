/**
 * 监测编号 (JCBH): 6-digit county code (XZQDM) + 4-digit year + 5-digit sequence, e.g.
 * 330106202400017. queries/clues-create-insert.sql builds the same string set-based; these helpers
 * are for code that needs to validate or take one apart.
 */
import { InputError } from '../errors.ts';

/** County code used in JCBH when a run or overlay names no county (XZQDM). */
export const UNKNOWN_REGION = '000000';

export const JCBH_RE = /^(\d{6})(\d{4})(\d{5})$/;

export function formatJcbh(xzqdm: string, year: number, seq: number): string {
  assertXzqdm(xzqdm);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new InputError('BAD_OPTION', `year: expected a 4-digit year, got ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 99999) throw new InputError('BAD_OPTION', `JCBH sequence ${seq} is outside 1..99999`);
  return `${xzqdm}${year}${String(seq).padStart(5, '0')}`;
}

export function parseJcbh(jcbh: string): { xzqdm: string; year: number; seq: number } | null {
  const m = JCBH_RE.exec(jcbh);
  return m ? { xzqdm: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

export function assertXzqdm(xzqdm: string): void {
  if (!/^\d{6}$/.test(xzqdm)) throw new InputError('BAD_OPTION', `XZQDM: expected a 6-digit county code, got ${JSON.stringify(xzqdm)}`);
}

/**
 * A date option as YYYY-MM-DD: accepts YYYY-MM-DD, YYYYMMDD, an ISO timestamp or a Date (as `pg`
 * returns date columns, at local midnight). Undefined/null/'' stay null.
 */
export function normaliseDate(v: string | Date | null | undefined, field: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new InputError('BAD_OPTION', `${field}: invalid date`);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|T)/.exec(v);
  if (!m) throw new InputError('BAD_OPTION', `${field}: expected a date like 2024-06-30, got ${JSON.stringify(v)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) throw new InputError('BAD_OPTION', `${field}: no such date ${v}`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

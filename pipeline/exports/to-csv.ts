/**
 * Clue records → CSV for Excel: UTF-8 with BOM (without it Excel reads Chinese as mojibake), CRLF,
 * RFC 4180 quoting. Text cells starting with = + - @ get a leading apostrophe so Excel does not run
 * them as formulas (CSV injection).
 */
import type { ClueRecord } from '../clues/clue-record.ts';
import { FLAT_COLUMNS, flattenClue } from './flat-fields.ts';

function cell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(records: ClueRecord[]): string {
  const lines = [FLAT_COLUMNS.join(',')];
  for (const r of records) {
    const f = flattenClue(r);
    lines.push(FLAT_COLUMNS.map((c) => cell(f[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Reads a verification file into loose rows: CSV (UTF-8 with or without BOM, or GBK as Chinese Excel
 * saves it) or JSON (an array of objects, or one object per line). Column names are matched loosely
 * (JCBH/监测编号, verdict/核查结论, reason/理由, by/actor/核查人, at/when/核查时间).
 */
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { InputError } from '../errors.ts';
import { parseCsv } from './parse-csv.ts';

export interface VerdictInputRow {
  /** 1-based line (CSV: data row number after the header; JSON: item number). */
  line: number;
  jcbh: string;
  verdict: string;
  reason: string;
  by: string;
  at: string;
}

const ALIASES: Record<keyof Omit<VerdictInputRow, 'line'>, string[]> = {
  jcbh: ['jcbh', '监测编号', '图斑编号'],
  verdict: ['verdict', 'jl', '核查结论', '结论', '判定结果', '认定结果'],
  reason: ['reason', 'ly', '理由', '原因', '说明', '备注'],
  by: ['by', 'actor', 'hcr', '核查人', '填报人', '审核人'],
  at: ['at', 'when', 'time', 'hcsj', '核查时间', '时间', '日期'],
};

function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gbk');
  }
}

function pick(obj: Record<string, unknown>, names: string[]): string {
  for (const [k, v] of Object.entries(obj)) {
    if (names.includes(k.trim().toLowerCase()) && v !== null && v !== undefined) return String(v).trim();
  }
  return '';
}

function toRow(obj: Record<string, unknown>, line: number): VerdictInputRow {
  return {
    line,
    jcbh: pick(obj, ALIASES.jcbh),
    verdict: pick(obj, ALIASES.verdict),
    reason: pick(obj, ALIASES.reason),
    by: pick(obj, ALIASES.by),
    at: pick(obj, ALIASES.at),
  };
}

export function parseVerdictText(text: string, format: 'csv' | 'json'): VerdictInputRow[] {
  if (format === 'json') {
    const t = text.replace(/^\uFEFF/, '').trim();
    let items: unknown[];
    try {
      items = t.startsWith('[') ? (JSON.parse(t) as unknown[]) : t.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
    } catch (err) {
      throw new InputError('FILE_UNREADABLE', `verification file is not valid JSON: ${(err as Error).message}`);
    }
    return items.map((o, i) => toRow(o && typeof o === 'object' ? (o as Record<string, unknown>) : {}, i + 1));
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  if (!header.some((h) => ALIASES.jcbh.includes(h.trim().toLowerCase()))) {
    throw new InputError('FIELD_MISSING', `verification CSV has no JCBH column (header: ${header.join(',')})`);
  }
  return rows.map((cells, i) => toRow(Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])), i + 1));
}

/** Reads FILE; the format comes from `format` or the extension (.json/.jsonl/.ndjson → json, else csv). */
export async function readVerdictFile(path: string, format?: 'csv' | 'json'): Promise<VerdictInputRow[]> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read ${path}: ${code ?? (err as Error).message}`);
  }
  const fmt = format ?? (/\.(json|jsonl|ndjson)$/i.test(path) ? 'json' : 'csv');
  return parseVerdictText(decode(buf), fmt);
}

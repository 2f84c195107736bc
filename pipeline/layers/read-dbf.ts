/**
 * dBASE III/IV attribute table of a shapefile, decoded here (not by the `shapefile` package) so the
 * string encoding can be chosen: the .cpg if present, else UTF-8 when every byte sequence is valid
 * UTF-8, else GBK (the usual encoding of Chinese survey data). Field names are decoded the same way.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.ts';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  encoding: string;
  /** One object per record (null for a record flagged deleted), in file order. */
  records: (Record<string, unknown> | null)[];
}

/** iconv-lite encoding name for a .cpg text or `--encoding` value; undefined if unknown. */
export function encodingFromCpg(text: string): string | undefined {
  let e = text.trim().toLowerCase().replace(/^ansi\s+/, '');
  if (/^\d+$/.test(e)) e = e === '65001' ? 'utf8' : e === '88591' ? 'latin1' : `cp${e}`;
  if (e === 'utf-8' || e === 'utf8') return 'utf8';
  return iconv.encodingExists(e) ? e : undefined;
}

function guessEncoding(bytes: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf8';
  } catch {
    return 'gbk';
  }
}

/** Parses a whole .dbf; `encoding` is an iconv-lite name, or undefined to guess. */
export function readDbf(buf: Buffer, encoding?: string): DbfTable {
  if (buf.length < 32) throw new InputError('LAYER_INVALID', 'attribute table (.dbf) is truncated');
  const count = buf.readUInt32LE(4);
  const headerLength = buf.readUInt16LE(8);
  const recordLength = buf.readUInt16LE(10);
  const enc = encoding ?? guessEncoding(buf.subarray(32, Math.min(buf.length, headerLength + count * recordLength)));
  const decode = (b: Buffer): string => iconv.decode(b, enc);
  const fields: DbfField[] = [];
  for (let off = 32; off + 32 <= headerLength && buf[off] !== 0x0d; off += 32) {
    const raw = buf.subarray(off, off + 11);
    const nul = raw.indexOf(0);
    fields.push({ name: decode(nul >= 0 ? raw.subarray(0, nul) : raw).trim(), type: String.fromCharCode(buf[off + 11]), length: buf[off + 16] });
  }
  const records: (Record<string, unknown> | null)[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (start + recordLength > buf.length) throw new InputError('LAYER_INVALID', `attribute table (.dbf) is truncated at record ${i + 1} of ${count}`);
    if (buf[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const rec: Record<string, unknown> = {};
    let off = start + 1;
    for (const f of fields) {
      rec[f.name] = value(buf.subarray(off, off + f.length), f.type, decode);
      off += f.length;
    }
    records.push(rec);
  }
  return { fields, encoding: enc, records };
}

function value(b: Buffer, type: string, decode: (b: Buffer) => string): unknown {
  switch (type) {
    case 'N':
    case 'F': {
      const s = b.toString('latin1').trim();
      if (s === '' || /^\*+$/.test(s)) return null;
      const n = Number(s);
      return Number.isFinite(n) ? n : null;
    }
    case 'L': {
      const c = b.toString('latin1').trim().toUpperCase();
      return c === 'Y' || c === 'T' ? true : c === 'N' || c === 'F' ? false : null;
    }
    case 'D': {
      const s = b.toString('latin1').trim();
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null;
    }
    default: {
      // Strings are space- (sometimes NUL-) padded; NUL cannot go into jsonb.
      const s = decode(b).replace(/\0/g, '').trimEnd();
      return s === '' ? null : s;
    }
  }
}

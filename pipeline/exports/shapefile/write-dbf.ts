/**
 * dBASE III table (.dbf) for a shapefile, text in UTF-8 (declared by the .cpg beside it). Character
 * widths are in BYTES of UTF-8 (a Chinese character takes 3), at most 254; longer text is cut on a
 * character boundary. Numbers are right-aligned ASCII with fixed decimals. Field names ≤ 10 ASCII.
 */
export type DbfField =
  | { name: string; type: 'C' }
  | { name: string; type: 'N'; width: number; decimals: number }
  | { name: string; type: 'D' };

export type DbfValue = string | number | null;

const MAX_C = 254;

/** `s` cut to at most `max` UTF-8 bytes without splitting a character. */
export function utf8Prefix(s: string, max: number): Buffer {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end] & 0xc0) === 0x80) end -= 1; // back off continuation bytes
  return b.subarray(0, end);
}

export function writeDbf(fields: DbfField[], rows: DbfValue[][], now = new Date()): Buffer {
  for (const f of fields) if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name)) throw new Error(`bad DBF field name ${f.name}`);
  const widths = fields.map((f, j) => {
    if (f.type === 'N') return f.width;
    if (f.type === 'D') return 8;
    let w = 1;
    for (const r of rows) w = Math.max(w, utf8Prefix(String(r[j] ?? ''), MAX_C).length);
    return w;
  });
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + widths.reduce((s, w) => s + w, 0);
  const buf = Buffer.alloc(headerLen + recordLen * rows.length + 1, 0x20);
  buf.fill(0, 0, headerLen);
  buf[0] = 0x03;
  buf[1] = now.getUTCFullYear() - 1900;
  buf[2] = now.getUTCMonth() + 1;
  buf[3] = now.getUTCDate();
  buf.writeUInt32LE(rows.length, 4);
  buf.writeUInt16LE(headerLen, 8);
  buf.writeUInt16LE(recordLen, 10);
  fields.forEach((f, j) => {
    const o = 32 + 32 * j;
    buf.write(f.name, o, 'ascii');
    buf.write(f.type, o + 11, 'ascii');
    buf[o + 16] = widths[j];
    buf[o + 17] = f.type === 'N' ? f.decimals : 0;
  });
  buf[headerLen - 1] = 0x0d;
  rows.forEach((r, i) => {
    let o = headerLen + recordLen * i + 1; // byte 0 of the record: ' ' = not deleted
    fields.forEach((f, j) => {
      const v = r[j];
      const w = widths[j];
      if (f.type === 'C') utf8Prefix(String(v ?? ''), w).copy(buf, o);
      else if (f.type === 'D') {
        const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v ?? ''));
        if (m) buf.write(`${m[1]}${m[2]}${m[3]}`, o, 'ascii');
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        let s = v.toFixed(f.decimals);
        if (s.length > w) s = v.toExponential(Math.max(0, w - 7)); // never overflow the column
        buf.write(s.padStart(w, ' ').slice(-w), o, 'ascii');
      }
      o += w;
    });
  });
  buf[buf.length - 1] = 0x1a;
  return buf;
}

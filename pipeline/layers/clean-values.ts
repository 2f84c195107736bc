/** Attribute values as they go to PostgreSQL: text columns, a date column and jsonb attrs. */

/** Trimmed text, or null for null/empty. Numbers become their decimal text. */
export function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).replace(/\0/g, '').trim();
  return s === '' ? null : s;
}

/**
 * ISO date 'YYYY-MM-DD' from a Date, 'YYYY-MM-DD', 'YYYY/M/D', 'YYYYMMDD' or 'YYYY年M月D日';
 * null when not a real calendar date (the raw value stays in attrs).
 */
export function asDate(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = asText(v);
  if (!s) return null;
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:$|[T\s])/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** JSON text for jsonb: Dates as ISO strings, NUL characters removed from keys and strings (jsonb rejects \u0000). */
export function attrsJson(props: Record<string, unknown>): string {
  return JSON.stringify(props, (_k, v: unknown) => {
    if (typeof v === 'string') return v.replace(/\0/g, '');
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.includes('\0'))) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/\0/g, ''), x]));
    }
    return v;
  });
}

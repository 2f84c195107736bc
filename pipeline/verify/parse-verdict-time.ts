/**
 * A verification time as written by people: ISO 8601 with or without offset, `YYYY-MM-DD`,
 * `YYYY/MM/DD HH:mm[:ss]`, `YYYY年M月D日`. Times without an offset are China Standard Time (UTC+8),
 * where the field work happens. Returns an ISO string with offset, or null if it cannot be read.
 */
export function parseVerdictTime(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  const pad = (v: string, n = 2): string => v.padStart(n, '0');
  const offset = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone) : '+08:00';
  const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${frac}` : ''}${offset}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Reject roll-overs such as 2026-02-31.
  const local = new Date(date.getTime() + (offset === 'Z' ? 0 : offsetMinutes(offset)) * 60000);
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return null;
  return iso;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

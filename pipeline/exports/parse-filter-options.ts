/**
 * The export/report filter flags as typed filters, with a one-line InputError (BAD_OPTION) per bad
 * value: --severity high,severe · --region 3301 (XZQDM prefix) · --min-area 200 (m²; `0.3mu` or
 * `0.3亩` in 亩) · --bbox minLon,minLat,maxLon,maxLat (degrees).
 */
import { InputError } from '../errors.ts';
import { M2_PER_MU, SEVERITIES, type ClueFilter, type Severity } from '../clues/clue-record.ts';

export interface FilterFlags {
  severity?: string;
  region?: string;
  minArea?: string;
  bbox?: string;
}

export function parseFilterOptions(f: FilterFlags): Omit<ClueFilter, 'runId'> {
  const out: Omit<ClueFilter, 'runId'> = {};
  if (f.severity !== undefined) {
    const list = f.severity.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((s) => !(SEVERITIES as readonly string[]).includes(s));
    if (bad.length > 0 || list.length === 0) throw new InputError('BAD_OPTION', `--severity takes ${SEVERITIES.join(', ')} (comma-separated), not ${f.severity}`);
    out.severities = list as Severity[];
  }
  if (f.region !== undefined) {
    if (!/^\d{2,6}$/.test(f.region)) throw new InputError('BAD_OPTION', `--region must be an XZQDM or its prefix (2–6 digits), not ${f.region}`);
    out.region = f.region;
  }
  if (f.minArea !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(m2|m²|mu|亩)?\s*$/i.exec(f.minArea);
    if (!m) throw new InputError('BAD_OPTION', `--min-area must be a number of m² (or e.g. 0.3mu), not ${f.minArea}`);
    const v = Number(m[1]);
    out.minAreaM2 = m[2] && /mu|亩/i.test(m[2]) ? v * M2_PER_MU : v;
  }
  if (f.bbox !== undefined) {
    const n = f.bbox.split(',').map((s) => Number(s.trim()));
    const ok = n.length === 4 && n.every(Number.isFinite) && n[0] < n[2] && n[1] < n[3] && n[0] >= -180 && n[2] <= 180 && n[1] >= -90 && n[3] <= 90;
    if (!ok) throw new InputError('BAD_OPTION', `--bbox must be minLon,minLat,maxLon,maxLat in degrees, not ${f.bbox}`);
    out.bbox = n as [number, number, number, number];
  }
  return out;
}

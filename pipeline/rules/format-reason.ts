/**
 * Fills a rule's reason template: fractions become percentages ("34%", "0.4%" below 1 %), areas m²
 * with no decimals or 亩 with two, the approval list joined for the language.
 */
import type { Metrics, Overlay } from './types.ts';

const MU_PER_M2 = 15 / 10000;

/** Placeholder names a template may use (load-rules.ts rejects others). */
export const PLACEHOLDERS: readonly string[] = [
  'approved', 'pbf', 'farmland', 'agri_eco', 'redline',
  'area_m2', 'farmland_m2', 'pbf_m2', 'approved_m2', 'redline_m2', 'min_area_m2',
  'area_mu', 'farmland_mu', 'pbf_mu', 'approved_mu', 'redline_mu', 'min_area_mu',
  'approvals', 'land_class',
];

function pct(f: number): string {
  const p = f * 100;
  if (p > 0 && p < 1) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

export interface ReasonInput {
  metrics: Metrics;
  overlay: Overlay;
  minAreaM2: number | null;
  landClass: string;
}

export function formatReason(template: string, lang: 'zh' | 'en', input: ReasonInput): string {
  const { metrics, overlay, minAreaM2, landClass } = input;
  const m2 = (name: string): number | null => {
    if (name === 'min_area') return minAreaM2;
    return metrics[`${name}_m2` as keyof Metrics] ?? null;
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'approvals') {
      if (overlay.approvals.length === 0) return lang === 'zh' ? '无' : 'none';
      return overlay.approvals.join(lang === 'zh' ? '、' : ', ');
    }
    if (key === 'land_class') return landClass;
    if (key.endsWith('_m2') || key.endsWith('_mu')) {
      const v = m2(key.slice(0, -3));
      if (v === null || !Number.isFinite(v)) return '-';
      return key.endsWith('_m2') ? String(Math.round(v)) : (v * MU_PER_M2).toFixed(2);
    }
    const f = metrics[key as keyof Metrics];
    return typeof f === 'number' ? pct(f) : whole;
  });
}

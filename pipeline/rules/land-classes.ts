/**
 * Sums the DLBM breakdown of a patch into land classes. Codes carry letter suffixes in the survey's
 * working classification (e.g. 1104A), so a code belongs to a class when it starts with one of the
 * class's prefixes.
 */
import type { LandClass, LandClasses } from './types.ts';

export function matchesPrefix(code: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => code.startsWith(p));
}

export interface ClassAreas {
  /** m² on farmland (GDMJ). */
  farmland_m2: number;
  /** m² on agricultural or ecological land (includes farmland). */
  agri_eco_m2: number;
  /** m² per minimum-area class: construction first, then agricultural (agri_eco), else other. */
  byClass: Record<LandClass, number>;
  /** The class with the largest area; 'other' when the patch is off the land-use layer. */
  dominant: LandClass;
}

export function classAreas(dlbm: Record<string, number>, classes: LandClasses): ClassAreas {
  let farmland = 0;
  let agriEco = 0;
  const byClass: Record<LandClass, number> = { construction: 0, agricultural: 0, other: 0 };
  for (const [code, m2] of Object.entries(dlbm)) {
    if (matchesPrefix(code, classes.farmland)) farmland += m2;
    if (matchesPrefix(code, classes.agri_eco)) agriEco += m2;
    if (matchesPrefix(code, classes.construction)) byClass.construction += m2;
    else if (matchesPrefix(code, classes.agri_eco)) byClass.agricultural += m2;
    else byClass.other += m2;
  }
  let dominant: LandClass = 'other';
  let best = 0;
  for (const c of ['construction', 'agricultural', 'other'] as const) {
    if (byClass[c] > best) {
      best = byClass[c];
      dominant = c;
    }
  }
  return { farmland_m2: farmland, agri_eco_m2: agriEco, byClass, dominant };
}

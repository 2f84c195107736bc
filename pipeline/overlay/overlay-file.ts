/**
 * `landwatch overlay` as a function: any polygon file in, the same features out as an RFC 7946
 * FeatureCollection with the overlay, the rule verdict and (for suspected violations) the JCBH added
 * to their own properties. One transaction: a run ('ovl-<time>-<rand>') with the file's features as
 * patches, recordRunLayers, overlayPatches, createClues; nothing is left behind on error.
 */
import { randomBytes } from 'node:crypto';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { createClues } from '../clues/create-clues.ts';
import { DEFAULT_RULES } from '../rules/default-rules.ts';
import type { Overlay, RuleSet, RuleTrace } from '../rules/types.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { importPatches } from './import-patches.ts';
import { overlayPatches } from './overlay-patches.ts';
import { UNKNOWN_REGION } from '../clues/jcbh.ts';

export interface OverlayFileOptions {
  /** The polygon file: .geojson/.json, .shp or .gpkg. */
  patches: string;
  /** Rule set. Default: DEFAULT_RULES. */
  rules?: RuleSet;
  /** County code (XZQDM) for the JCBH. Default: '000000' (unknown). */
  region?: string;
  /** Year in the JCBH. Default: the year of hsx, else the current year. */
  year?: number;
  /** Source CRS overriding the file's, e.g. 'EPSG:4526'. */
  srs?: string;
  qsx?: string;
  hsx?: string;
  xzqmc?: string;
  onProgress?: (label: string, done: number, total: number) => void;
}

export interface OverlayFileResult {
  runId: string;
  collection: FeatureCollection;
  features: number;
  patches: number;
  suspected: number;
  clues: number;
  /** Layer versions used, e.g. [{ kind: 'landuse', version: 3, name: 'sandiao.shp' }]. */
  layers: { kind: string; version: number; name: string }[];
}

const MU_PER_M2 = 15 / 10000;
const r2 = (x: number): number => Math.round(x * 100) / 100;

interface ExportRow {
  patch_key: string;
  geometry: Geometry;
  overlay: Overlay | null;
  rule: string | null;
  severity: string | null;
  suspected: boolean | null;
  rule_trace: RuleTrace | null;
  jcbh: string | null;
}

export function newOverlayRunId(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `ovl-${t}-${randomBytes(3).toString('hex')}`;
}

export async function overlayFile(db: Db, opts: OverlayFileOptions): Promise<OverlayFileResult> {
  const runId = newOverlayRunId();
  const region = opts.region ?? UNKNOWN_REGION;
  const progress = opts.onProgress ?? (() => undefined);
  const params = { command: 'overlay', patches: opts.patches, srs: opts.srs ?? null, year: opts.year ?? null, rules: opts.rules?.name ?? DEFAULT_RULES.name };
  const result = await db.tx(async (t) => {
    await t.query(sql('overlay-no-jit'));
    await t.query(sql('overlay-create-run'), [runId, opts.region ?? null, JSON.stringify(params)]);
    const imported = await importPatches(t, runId, opts.patches, { srs: opts.srs, onProgress: (n) => progress('read', n, n) });
    const ov = await overlayPatches(t, runId, { rules: opts.rules, onProgress: (d, n) => progress('overlay', d, n) });
    const clues = await createClues(t, runId, { xzqdm: region, xzqmc: opts.xzqmc, qsx: opts.qsx, hsx: opts.hsx, year: opts.year });
    await t.query(sql('overlay-finish-run'), [runId]);
    const layers = (await t.query<{ kind: string; version: number; name: string }>(sql('overlay-run-layer-kinds'), [runId])).rows;
    const rows = (await t.query<ExportRow>(sql('overlay-export'), [runId])).rows;
    return { imported, ov, clues, rows, layers };
  });
  const byKey = new Map(result.rows.map((r) => [r.patch_key, r]));
  const features: Feature[] = result.imported.features.map((f) => {
    const row = byKey.get(f.key);
    if (!row || !row.overlay || !row.rule_trace) {
      return { type: 'Feature', geometry: null as unknown as Geometry, properties: { ...f.properties, suspected_violation: false, severity: 'none', rule: 'NO_GEOMETRY' } };
    }
    const o = row.overlay;
    let geometry = row.geometry;
    if (f.type === 'Polygon' && geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) {
      geometry = { type: 'Polygon', coordinates: geometry.coordinates[0] };
    }
    const dlbm = Object.fromEntries(Object.entries(o.dlbm).map(([k, v]) => [k, r2(v)]));
    return {
      type: 'Feature',
      geometry,
      properties: {
        ...f.properties,
        suspected_violation: row.suspected === true,
        severity: row.severity,
        rule: row.rule,
        reason: row.rule_trace.reason.zh,
        reason_en: row.rule_trace.reason.en,
        area_m2: r2(o.area_m2),
        area_mu: Math.round(o.area_m2 * MU_PER_M2 * 1e4) / 1e4,
        farmland_m2: r2(o.farmland_m2),
        pbf_m2: r2(o.pbf_m2),
        approved_m2: r2(o.approved_m2),
        redline_m2: r2(o.redline_m2),
        dlbm_m2: dlbm,
        approvals: o.approvals,
        fractions: row.rule_trace.fractions,
        ...(row.suspected && row.jcbh ? { jcbh: row.jcbh } : {}),
      },
    };
  });
  return {
    runId,
    collection: { type: 'FeatureCollection', features },
    features: features.length,
    patches: result.ov.patches,
    suspected: result.ov.suspected,
    clues: result.clues.created + result.clues.existing,
    layers: result.layers,
  };
}

/**
 * The overlay stage's work: measures each patch of a run against the run's layer versions (one
 * set-based SQL statement per batch, see queries/overlay-compute.sql), applies the rule set in
 * TypeScript, and writes overlay, rule, severity, suspected and rule_trace back in one statement per
 * batch. Areas are ellipsoidal m² on CGCS2000. Idempotent: every run rewrites the same columns with
 * the same values.
 */
import { evaluateRules } from '../rules/evaluate-rules.ts';
import { DEFAULT_RULES } from '../rules/default-rules.ts';
import type { OverlayAreas, RuleSet } from '../rules/types.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { recordRunLayers } from './record-run-layers.ts';

/** See OverlayOptions.sliverM2. */
export const DEFAULT_SLIVER_M2 = 0.5;

export interface OverlayOptions {
  /** Rule set to apply. Default: DEFAULT_RULES (pipeline/rules/default-rules.ts). */
  rules?: RuleSet;
  /** Only these patches of the run. Default: every patch of the run. */
  patchIds?: number[];
  /**
   * Overlaps of at most this many m² count as none (slivers along shared edges: a straight edge in a
   * Gauss-Krüger CRS is slightly curved in EPSG:4490, so layers that share an edge but not its vertices
   * overlap by thin slivers). Default: 0.5, below one pixel of sub-metre imagery.
   */
  sliverM2?: number;
  /** Patches per SQL statement. Default: 2000. */
  batchSize?: number;
  /**
   * Batches in flight at once. Each batch runs in its own transaction, so on a pooled real PostgreSQL
   * store 2+ use several server cores; on PGlite (one connection) or inside a caller's transaction
   * leave it at 1. Default: 1.
   */
  concurrency?: number;
  /** Called after each batch with patches done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface OverlayResult {
  patches: number;
  suspected: number;
}

interface ApplyRow {
  id: number;
  overlay: unknown;
  rule: string;
  severity: string;
  suspected: boolean;
  trace: unknown;
}

export async function overlayPatches(db: Db, runId: string, opts: OverlayOptions = {}): Promise<OverlayResult> {
  const rules = opts.rules ?? DEFAULT_RULES;
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  await recordRunLayers(db, runId);
  const ids = (await db.query<{ id: string }>(sql('overlay-patch-ids'), [runId, opts.patchIds ?? null])).rows.map((r) => r.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));

  let done = 0;
  let suspected = 0;
  const runBatch = async (batch: string[]): Promise<void> => {
    const n = await db.tx(async (t) => {
      await t.query(sql('overlay-no-jit'));
      const { rows } = await t.query<{ id: string; overlay: OverlayAreas }>(sql('overlay-compute'), [runId, batch, opts.sliverM2 ?? DEFAULT_SLIVER_M2]);
      const apply: ApplyRow[] = rows.map((r) => {
        const { overlay, verdict } = evaluateRules(r.overlay, rules);
        return { id: Number(r.id), overlay, rule: verdict.rule, severity: verdict.severity, suspected: verdict.suspected, trace: verdict.trace };
      });
      await t.query(sql('overlay-apply'), [JSON.stringify(apply)]);
      return apply.filter((a) => a.suspected).length;
    });
    suspected += n;
    done += batch.length;
    opts.onProgress?.(done, ids.length);
  };

  const queue = [...batches];
  const lanes = Math.max(1, Math.min(opts.concurrency ?? 1, queue.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await runBatch(b);
    }),
  );
  return { patches: ids.length, suspected };
}

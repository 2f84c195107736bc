/** The current version of each layer kind: what a run records in run_layers and overlays against. */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { LayerKind } from './types.ts';

export interface CurrentLayer {
  kind: LayerKind;
  /** layers.id (bigint, returned as a number). */
  id: number;
  version: number;
}

export async function currentLayers(db: Db): Promise<CurrentLayer[]> {
  const { rows } = await db.query<{ kind: LayerKind; id: string; version: number }>(sql('layers-current'));
  return rows.map((r) => ({ kind: r.kind, id: Number(r.id), version: r.version }));
}

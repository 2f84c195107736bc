/** Every stored layer version, newest first within each kind (what `landwatch layers list` shows). */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { LayerKind } from './types.ts';

export interface LayerVersion {
  id: number;
  kind: LayerKind;
  version: number;
  name: string;
  source: string;
  sourceSrid: number | null;
  importedAt: Date;
  features: number;
  repaired: number;
  skipped: number;
  /** layer_features rows after subdivision. */
  pieces: number;
  current: boolean;
}

interface Row {
  id: string;
  kind: LayerKind;
  version: number;
  name: string;
  source: string;
  source_srid: number | null;
  imported_at: Date;
  feature_count: number;
  repaired_count: number;
  skipped_count: number;
  is_current: boolean;
  pieces: number;
}

export async function listLayers(db: Db): Promise<LayerVersion[]> {
  const { rows } = await db.query<Row>(sql('layers-list'));
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    version: r.version,
    name: r.name,
    source: r.source,
    sourceSrid: r.source_srid,
    importedAt: r.imported_at,
    features: r.feature_count,
    repaired: r.repaired_count,
    skipped: r.skipped_count,
    pieces: r.pieces,
    current: r.is_current,
  }));
}

/** Shapes shared by the layer readers and the importer. */
import type { Geometry } from 'geojson';

export type LayerKind = 'landuse' | 'farmland' | 'approved' | 'redline' | 'plan';
export const LAYER_KINDS: readonly LayerKind[] = ['landuse', 'farmland', 'approved', 'redline', 'plan'];

/** Columns of layer_features that can be filled from a source attribute. */
export type MappedColumn = 'dlbm' | 'dlmc' | 'approval_no' | 'approval_doc' | 'approval_date';
export const MAPPED_COLUMNS: readonly MappedColumn[] = ['dlbm', 'dlmc', 'approval_no', 'approval_doc', 'approval_date'];

/** One feature as read: a GeoJSON geometry (coordinates in the source CRS), or null (no geometry). */
export interface SourceFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface LayerSource {
  /** 'geojson' | 'shapefile' | 'geopackage'. */
  format: string;
  /** EPSG code the file declares; undefined when it declares none. */
  srid?: number;
  /** Attribute names in file order (GeoJSON: union over all features). */
  fields: string[];
  /** Number of features, when known up front (for progress). */
  count?: number;
  /** Attribute encoding used (shapefile only). */
  encoding?: string;
  features(): AsyncIterable<SourceFeature>;
}

export interface ImportReport {
  layerId: number;
  kind: LayerKind;
  version: number;
  name: string;
  srid: number;
  /** Features in the file, including empty ones. */
  read: number;
  /** Features stored (with at least one polygon piece). */
  imported: number;
  /** Features whose geometry was invalid and was repaired with ST_MakeValid. */
  repaired: number;
  /** Features skipped for empty or null geometry (also after repair). */
  skipped: number;
  /** layer_features rows after ST_Subdivide. */
  pieces: number;
  seconds: number;
}

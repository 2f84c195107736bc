/**
 * Clue records → the files of one shapefile (.shp .shx .dbf .prj .cpg) for ArcGIS and QGIS:
 * CGCS2000 lon/lat, UTF-8 attributes declared by the .cpg, field names ≤ 10 characters.
 */
import type { ClueRecord } from '../../clues/clue-record.ts';
import { flattenClue, type FlatClue } from '../flat-fields.ts';
import { CGCS2000_PRJ } from './cgcs2000-prj.ts';
import { writeDbf, type DbfField } from './write-dbf.ts';
import { writeShp } from './write-shp.ts';

/** DBF column → the flat record field it holds (names ≤ 10 characters). */
export const SHP_FIELDS: [DbfField, keyof FlatClue][] = [
  [{ name: 'JCBH', type: 'C' }, 'JCBH'],
  [{ name: 'YJCBH', type: 'C' }, 'ORIGINAL_JCBH'],
  [{ name: 'XZQDM', type: 'C' }, 'XZQDM'],
  [{ name: 'XZQMC', type: 'C' }, 'XZQMC'],
  [{ name: 'QSX', type: 'D' }, 'QSX'],
  [{ name: 'HSX', type: 'D' }, 'HSX'],
  [{ name: 'TBMJ', type: 'N', width: 16, decimals: 2 }, 'TBMJ'],
  [{ name: 'TBMJ_MU', type: 'N', width: 14, decimals: 4 }, 'TBMJ_MU'],
  [{ name: 'GDMJ', type: 'N', width: 16, decimals: 2 }, 'GDMJ'],
  [{ name: 'GDMJ_MU', type: 'N', width: 14, decimals: 4 }, 'GDMJ_MU'],
  [{ name: 'JBNTMJ', type: 'N', width: 16, decimals: 2 }, 'JBNTMJ'],
  [{ name: 'JBNTMJ_MU', type: 'N', width: 14, decimals: 4 }, 'JBNTMJ_MU'],
  [{ name: 'SFYN', type: 'C' }, 'SFYN'],
  [{ name: 'SFHX', type: 'C' }, 'SFHX'],
  [{ name: 'TBLX', type: 'C' }, 'TBLX'],
  [{ name: 'SEVERITY', type: 'C' }, 'SEVERITY'],
  [{ name: 'RULE', type: 'C' }, 'RULE'],
  [{ name: 'REASON', type: 'C' }, 'REASON'],
  [{ name: 'PZWH', type: 'C' }, 'APPROVALS'],
  [{ name: 'DLBM_MJ', type: 'C' }, 'DLBM_AREAS'],
  [{ name: 'ZXJD', type: 'N', width: 14, decimals: 8 }, 'CENTROID_LON'],
  [{ name: 'ZXWD', type: 'N', width: 14, decimals: 8 }, 'CENTROID_LAT'],
  [{ name: 'STATUS', type: 'C' }, 'STATUS'],
  [{ name: 'VERDICT', type: 'C' }, 'VERDICT'],
  [{ name: 'VERD_BY', type: 'C' }, 'VERDICT_BY'],
  [{ name: 'VERD_AT', type: 'C' }, 'VERDICT_AT'],
  [{ name: 'VERSION', type: 'N', width: 8, decimals: 0 }, 'VERSION'],
];

export interface ShapefileParts {
  shp: Buffer;
  shx: Buffer;
  dbf: Buffer;
  prj: string;
  cpg: string;
}

export function toShapefile(records: ClueRecord[]): ShapefileParts {
  const { shp, shx } = writeShp(records.map((r) => r.geometry));
  const rows = records.map((r) => {
    const f = flattenClue(r);
    return SHP_FIELDS.map(([, key]) => f[key]);
  });
  const dbf = writeDbf(
    SHP_FIELDS.map(([f]) => f),
    rows,
  );
  return { shp, shx, dbf, prj: CGCS2000_PRJ, cpg: 'UTF-8' };
}

/**
 * Assembles full clue.v1 records from the store in one set-based query: clues.record + the patch
 * geometry (ST_AsGeoJSON of the 4490 geometry, lon/lat) + clue_events (status = latest event's,
 * history = all) + clue_evidence. Every record is validated before it is returned.
 */
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import { InputError } from '../errors.ts';
import { assembleRecord, type ClueRow } from './assemble-record.ts';
import type { ClueFilter, ClueRecord } from './clue-record.ts';
import { assertClueRecord } from './validate-clue.ts';

/** Validated records matching `filter`, ordered by JCBH (empty array when nothing matches). */
export async function loadClueRecords(db: Db, filter: ClueFilter = {}): Promise<ClueRecord[]> {
  const b = filter.bbox;
  const { rows } = await db.query<ClueRow>(sql('clue-records'), [
    filter.runId ?? null,
    filter.jcbhs ?? null,
    filter.severities && filter.severities.length > 0 ? filter.severities : null,
    filter.region ?? null,
    filter.minAreaM2 ?? null,
    b ? b[0] : null,
    b ? b[1] : null,
    b ? b[2] : null,
    b ? b[3] : null,
  ]);
  return rows.map((row) => {
    const record = assembleRecord(row);
    assertClueRecord(record);
    return record;
  });
}

/** The validated record of one clue; InputError RECORD_INVALID when `jcbh` is not a clue. */
export async function buildClueRecord(db: Db, jcbh: string): Promise<ClueRecord> {
  const [record] = await loadClueRecords(db, { jcbhs: [jcbh] });
  if (!record) throw new InputError('RECORD_INVALID', `no clue with JCBH ${jcbh}`);
  return record;
}

/** Throws InputError RUN_NOT_FOUND unless the run exists. */
export async function assertRunExists(db: Db, runId: string): Promise<void> {
  const { rowCount } = await db.query(sql('clue-run-exists'), [runId]);
  if (rowCount === 0) throw new InputError('RUN_NOT_FOUND', `run ${runId} not found`);
}

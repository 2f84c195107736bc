/**
 * The one database handle every stage and command uses. Both backends (real PostgreSQL + PostGIS via
 * `DATABASE_URL`, and embedded PGlite + PostGIS served over the wire protocol) are reached through
 * `pg`, so the SQL is the same.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Db {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

export interface Store extends Db {
  /** 'postgres' for DATABASE_URL, 'pglite' for the embedded store. */
  readonly backend: 'postgres' | 'pglite';
  close(): Promise<void>;
}

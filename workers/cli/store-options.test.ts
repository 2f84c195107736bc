import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../pipeline/store/open-store.ts';
import { resolveStoreOptions } from './store-options.ts';

describe('resolveStoreOptions', () => {
  it('prefers --data-dir, then DATABASE_URL, then LANDWATCH_DATA_DIR, then ~/.landwatch/pgdata', () => {
    const url = 'postgres://x@h/db';
    expect(resolveStoreOptions({ dataDir: '/d' }, { DATABASE_URL: url })).toEqual({ dataDir: '/d' });
    expect(resolveStoreOptions({}, { DATABASE_URL: url, LANDWATCH_DATA_DIR: '/e' })).toEqual({ databaseUrl: url });
    expect(resolveStoreOptions({}, { LANDWATCH_DATA_DIR: '/e' })).toEqual({ dataDir: '/e' });
    expect(resolveStoreOptions({}, {})).toEqual({ dataDir: DEFAULT_DATA_DIR });
  });
  it('takes the schema from LANDWATCH_DB_SCHEMA', () => {
    expect(resolveStoreOptions({}, { DATABASE_URL: 'postgres://x@h/db', LANDWATCH_DB_SCHEMA: 's1' })).toEqual({ databaseUrl: 'postgres://x@h/db', schema: 's1' });
  });
});

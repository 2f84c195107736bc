/**
 * Which store a command opens, in this order:
 * 1. `--data-dir DIR` given on the command line: the embedded store in DIR;
 * 2. `DATABASE_URL` set: that PostgreSQL;
 * 3. `LANDWATCH_DATA_DIR` set: the embedded store there;
 * 4. the embedded store in ~/.landwatch/pgdata.
 * An explicit flag beats the environment, so `--data-dir` still works in a shell that exports
 * DATABASE_URL. `LANDWATCH_DB_SCHEMA`, when set, puts the tables in that schema (tests, benches).
 */
import type { Command } from 'commander';
import type { Store } from '../../pipeline/store/db.ts';
import { DEFAULT_DATA_DIR, openStore, type OpenStoreOptions } from '../../pipeline/store/open-store.ts';

export interface StoreCliOptions {
  dataDir?: string;
}

/** Adds `--data-dir DIR` to a command. */
export function addStoreOptions<C extends Command>(cmd: C): C {
  cmd.option('--data-dir <dir>', `embedded store directory (env LANDWATCH_DATA_DIR; default ${DEFAULT_DATA_DIR}; DATABASE_URL selects PostgreSQL instead)`);
  return cmd;
}

/** The openStore options the rules above select. */
export function resolveStoreOptions(opts: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): OpenStoreOptions {
  const schema = env.LANDWATCH_DB_SCHEMA || undefined;
  if (opts.dataDir) return { dataDir: opts.dataDir, schema };
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, schema };
  return { dataDir: env.LANDWATCH_DATA_DIR || DEFAULT_DATA_DIR, schema };
}

/** Opens (and migrates) the store the command's options select. Close it when done. */
export function openStoreFromOptions(opts: StoreCliOptions, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  return openStore(resolveStoreOptions(opts, env));
}

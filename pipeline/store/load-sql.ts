/**
 * Named queries: `sql('layers-insert')` returns the text of queries/layers-insert.sql, read once
 * through import.meta.url and cached. One parameterised statement per file; its header comment lists
 * $1..$n and the returned columns.
 */
import { readFileSync } from 'node:fs';

const QUERIES_DIR = new URL('./queries/', import.meta.url);
const cache = new Map<string, string>();

export function sql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) throw new Error(`bad query name ${JSON.stringify(name)}`);
    text = readFileSync(new URL(`${name}.sql`, QUERIES_DIR), 'utf8');
    cache.set(name, text);
  }
  return text;
}

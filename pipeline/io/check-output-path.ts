/**
 * Fails fast, before any work, when an output path cannot be written: its directory must exist and
 * be writable, and the path itself must not be a directory.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';

export function checkOutputPath(path: string, what = 'output'): string {
  const abs = resolve(path);
  const dir = dirname(abs);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `${what} directory ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new InputError('OUTPUT_UNWRITABLE', `${what} directory ${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `${what} directory ${dir} is not writable`);
  }
  try {
    if (statSync(abs).isDirectory()) throw new InputError('OUTPUT_UNWRITABLE', `${what} path ${abs} is a directory`);
    accessSync(abs, constants.W_OK);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as { code?: string }).code !== 'ENOENT') throw new InputError('OUTPUT_UNWRITABLE', `${what} file ${abs} is not writable`);
  }
  return abs;
}

/** The same for a directory to write into: it must exist, be a directory and be writable. */
export function checkOutputDir(path: string, what = 'output'): string {
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `${what} directory ${abs} does not exist`);
  }
  if (!st.isDirectory()) throw new InputError('OUTPUT_UNWRITABLE', `${what} path ${abs} is not a directory`);
  try {
    accessSync(abs, constants.W_OK);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `${what} directory ${abs} is not writable`);
  }
  return abs;
}

import { accessSync, constants, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';

/**
 * Fails early (before any work) when `path` cannot be written: its folder must exist and be
 * writable, and the path itself must not be a folder.
 */
export function assertWritable(path: string): void {
  const dir = dirname(resolve(path));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new InputError('OUTPUT_UNWRITABLE', `${path}: folder ${dir} does not exist`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `${path}: folder ${dir} is not writable`);
  }
  try {
    if (statSync(path).isDirectory()) throw new InputError('OUTPUT_UNWRITABLE', `${path}: is a folder, expected a file path`);
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
}

/**
 * Writes a file through a temporary sibling and renames it into place, so readers never see a
 * half-written file and a failure leaves nothing behind. `write` receives a function that appends.
 */
export async function writeFileAtomic(path: string, write: (append: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    let pending = '';
    const flush = async () => {
      if (pending.length > 0) {
        await handle.write(pending);
        pending = '';
      }
    };
    await write(async (chunk) => {
      if (typeof chunk === 'string') {
        pending += chunk;
        if (pending.length > 1 << 20) await flush();
      } else {
        await flush();
        await handle.write(chunk);
      }
    });
    await flush();
    await handle.close();
    await rename(tmp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

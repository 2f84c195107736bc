import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

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

/** The same for content already in memory: written next to the target, then renamed into place. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Byte source over a local file (node:fs positional reads). One of the two places in geo/ that may
 * touch the file system.
 */
import { open } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import type { ByteSource } from './source.ts';

/** Opens `path` for positional reads; InputError FILE_NOT_FOUND / FILE_UNREADABLE naming the path. */
export async function openFileSource(path: string): Promise<ByteSource> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('FILE_NOT_FOUND', `${path}: file not found`, { cause: err });
    throw new InputError('FILE_UNREADABLE', `${path}: cannot open (${code ?? String(err)})`, { cause: err });
  }
  const stat = await fh.stat();
  if (stat.isDirectory()) {
    await fh.close();
    throw new InputError('FILE_UNREADABLE', `${path}: is a directory`);
  }
  const size = stat.size;
  let closed = false;
  return {
    name: path,
    size,
    async read(offset, length, signal) {
      signal?.throwIfAborted();
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      let done = 0;
      while (done < n) {
        const { bytesRead } = await fh.read(buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
    async close() {
      if (!closed) {
        closed = true;
        await fh.close();
      }
    },
  };
}

/**
 * Byte source over an HTTP(S) URL using `fetch` with Range requests (Cloud-Optimized GeoTIFF).
 * The one place in geo/ that talks to the network.
 */
import { InputError, TransientError } from '../errors.ts';
import type { ByteSource } from './source.ts';

/** Total size from a `Content-Range: bytes a-b/total` header, or null. */
function totalFromContentRange(header: string | null): number | null {
  const m = header ? /\/(\d+)\s*$/.exec(header) : null;
  return m ? Number(m[1]) : null;
}

/**
 * Opens `url`: probes the size with a 1-byte range request. 404 → InputError FILE_NOT_FOUND;
 * network failures and 5xx → TransientError HTTP_FAILED; a server without range support →
 * InputError FILE_UNREADABLE.
 */
export async function openHttpSource(url: string, signal?: AbortSignal): Promise<ByteSource> {
  const get = async (offset: number, length: number, sig?: AbortSignal): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, signal: sig });
    } catch (err) {
      if (sig?.aborted) throw err;
      throw new TransientError('HTTP_FAILED', `${url}: ${(err as Error).message}`, { cause: err });
    }
    if (res.status === 404 || res.status === 410) throw new InputError('FILE_NOT_FOUND', `${url}: HTTP ${res.status}`);
    if (res.status >= 500 || res.status === 429) throw new TransientError('HTTP_FAILED', `${url}: HTTP ${res.status}`);
    if (res.status === 416) return res;
    if (res.status !== 206) {
      await res.body?.cancel();
      throw new InputError('FILE_UNREADABLE', `${url}: server answered HTTP ${res.status} to a range request (range requests are required)`);
    }
    return res;
  };
  const probe = await get(0, 1, signal);
  const size = totalFromContentRange(probe.headers.get('content-range'));
  await probe.arrayBuffer();
  if (size === null) throw new InputError('FILE_UNREADABLE', `${url}: no Content-Range total in the range response`);
  return {
    name: url,
    size,
    async read(offset, length, sig) {
      const n = Math.max(0, Math.min(length, size - offset));
      if (n === 0) return new Uint8Array(0);
      const res = await get(offset, n, sig);
      if (res.status === 416) return new Uint8Array(0);
      return new Uint8Array(await res.arrayBuffer());
    },
    async close() {},
  };
}

/**
 * zlib inflation into a buffer the caller owns. `inflateSync` allocates a fresh output buffer per
 * call: for 512 KiB tiles that churn (page faults, collections of external memory) cost 6–10 % of
 * `detect`'s CPU, while a block cache that recycles its evicted buffers allocates nothing once full.
 * Node has no public synchronous API that writes into a given buffer; its zlib stream's native
 * handle does (`writeSync`, what `inflateSync` itself drives). Where that handle is missing (another
 * runtime or Node version), this falls back to `inflateSync` and a copy, with the same results.
 */
import { constants, Inflate, inflateSync } from 'node:zlib';

interface NativeZlib {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  reset(): void;
}

interface ZlibStream {
  _handle?: NativeZlib;
  _writeState?: Uint32Array;
  destroyed: boolean;
  errored: Error | null;
  on(ev: 'error', f: (e: Error) => void): void;
}

interface Engine {
  stream: ZlibStream;
  handle: NativeZlib;
  /** [avail_out, avail_in] after the last write (the stream's `_writeState`). */
  state: Uint32Array;
  /** Whether the stream was written since its last reset. */
  used: boolean;
}

/** One engine per thread (module instance): inflation is synchronous, so it is never shared mid-call. */
let engine: Engine | null | undefined;

function openEngine(): Engine | null {
  const stream = new Inflate() as unknown as ZlibStream;
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return null;
  // A zlib error (corrupt or truncated data) destroys the stream during writeSync, with the error
  // as `errored`; the 'error' event follows on the next tick, with nobody else to hear it.
  stream.on('error', () => undefined);
  return { stream, handle, state, used: false };
}

/**
 * Inflates the zlib stream `raw` into `out`; returns how many bytes it wrote (at most out.length:
 * output beyond that is not produced). Throws zlib's error on corrupt or truncated data.
 */
export function inflateInto(raw: Uint8Array, out: Uint8Array): number {
  if (engine === undefined) engine = openEngine();
  if (engine === null) {
    const data = inflateSync(raw, { chunkSize: Math.max(out.length, 1024) });
    const n = Math.min(data.length, out.length);
    out.set(data.subarray(0, n));
    return n;
  }
  const e = engine;
  if (e.used) e.handle.reset();
  e.used = true;
  e.handle.writeSync(constants.Z_FINISH, raw, 0, raw.length, out, 0, out.length);
  if (e.stream.destroyed) {
    // The next call opens another stream.
    engine = undefined;
    throw e.stream.errored ?? new Error('zlib stream failed');
  }
  return out.length - e.state[0];
}

/**
 * Runs detection units on worker threads, one pair at a time: both cores decode and detect while
 * the main thread only merges. Results come back in completion order; callers sort.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { HaloWindow } from '../../geo/types.ts';
import type { PatchPiece } from '../../geo/vector/window-pieces.ts';
import { InputError, type InputErrorCode } from '../../pipeline/errors.ts';
import type { PoolRequest, PoolResponse } from './unit-protocol.ts';

export interface UnitPoolOptions {
  beforePath: string;
  afterPath: string;
  masks?: PairMasks;
  bands?: string;
  model: SceneModel;
  /** Worker threads. Default: the machine's available parallelism. */
  threads?: number;
}

export async function runUnitsInThreads(
  units: HaloWindow[],
  opts: UnitPoolOptions,
  onResult: (index: number, pieces: PatchPiece[], maskedPixels: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const count = Math.max(1, Math.min(opts.threads ?? availableParallelism(), units.length));
  // workerData must be an object: geotiff's web-worker shim reads it in every worker thread.
  const workers = Array.from({ length: count }, () => new Worker(new URL('./unit-worker.mjs', import.meta.url), { workerData: {} }));
  let next = 0;
  let settled = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      const feed = (w: Worker) => {
        if (settled) return;
        if (signal?.aborted) return fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        if (next >= units.length) {
          if (active === 0) {
            settled = true;
            resolve();
          }
          return;
        }
        const id = next++;
        active++;
        w.postMessage({ type: 'unit', id, win: units[id] } satisfies PoolRequest);
      };
      for (const w of workers) {
        w.on('message', (msg: PoolResponse) => {
          if (msg.type === 'ready') return feed(w);
          if (msg.type === 'error') return fail(toError(msg.error));
          active--;
          onResult(msg.id, msg.pieces, msg.maskedPixels);
          feed(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`detection thread exited with code ${code}`));
        });
        const init: PoolRequest = { type: 'init', beforePath: opts.beforePath, afterPath: opts.afterPath, masks: opts.masks, bands: opts.bands, model: opts.model };
        w.postMessage(init);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function toError(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'InputError' && e.code) return new InputError(e.code as InputErrorCode, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

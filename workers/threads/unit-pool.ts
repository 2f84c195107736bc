/**
 * Runs detection units on worker threads, one pair at a time: both cores decode and detect while
 * the main thread only merges. A pool (openUnitPool) keeps its threads from one pair to the next.
 * Results come back in completion order; callers sort.
 *
 * Each thread walks its own run of units through pairs of columns (`unitOrder`), so most tiles a
 * unit shares with another (halos overlap their neighbours' cores) are still in that thread's tile
 * cache: alternating units between threads decoded every halo tile twice.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { PairMasks } from '../../geo/raster/open-mask.ts';
import type { HaloWindow } from '../../geo/types.ts';
import { UNIT_TILE_CACHE_BYTES, type UnitResultHandler } from '../../pipeline/detect/detect-scene.ts';
import { unitOrder } from '../../pipeline/detect/unit-order.ts';
import { InputError, type InputErrorCode } from '../../pipeline/errors.ts';
import type { PoolRequest, PoolResponse } from './unit-protocol.ts';
import { unitWorkerEntry } from './unit-worker-entry.ts';
import { heapFlagsForNewIsolates } from '../heap-flags.ts';

export interface UnitPoolOptions {
  beforePath: string;
  afterPath: string;
  masks?: PairMasks;
  bands?: string;
  model: SceneModel | Promise<SceneModel>;
  /** Cell size of the units' pictures (see detectUnit); none without it. */
  pictureCell?: number;
  /** Worker threads. Default: the machine's available parallelism. */
  threads?: number;
}

/**
 * The threads start, and open the pair, at once: `units` and the model may still be coming (see
 * UnitRunner: detectScene passes them while it fits the model), and are sent when they arrive.
 */
export async function runUnitsInThreads(
  unitsIn: HaloWindow[] | Promise<HaloWindow[]>,
  opts: UnitPoolOptions,
  onResult: UnitResultHandler,
  signal?: AbortSignal,
): Promise<void> {
  const want = opts.threads ?? availableParallelism();
  const pool = openUnitPool(Math.max(1, Array.isArray(unitsIn) ? Math.min(want, unitsIn.length) : want));
  try {
    await pool.run(unitsIn, opts, onResult, signal);
  } finally {
    await pool.close();
  }
}

/**
 * Detection threads kept from one pair to the next (a run of many tiles): a thread's start costs
 * ≈ 0.5 s and 0.85 CPU-s of module loading, which a pool per pair paid for every tile. A pair that
 * fails stops the threads (one may still be busy with a unit); the next pair starts new ones.
 */
export interface UnitPool {
  run(
    unitsIn: HaloWindow[] | Promise<HaloWindow[]>,
    opts: Omit<UnitPoolOptions, 'threads'>,
    onResult: UnitResultHandler,
    signal?: AbortSignal,
  ): Promise<void>;
  close(): Promise<void>;
}

/** The pair being run on a pool's threads; the threads' messages go to it. */
interface PairRun {
  message(k: number, msg: PoolResponse): void;
  fail(err: Error): void;
}

export function openUnitPool(count: number): UnitPool {
  let workers: Worker[] | undefined;
  let current: PairRun | undefined;
  const stop = async () => {
    const ws = workers;
    workers = undefined;
    await Promise.all((ws ?? []).map((w) => w.terminate()));
  };
  const start = (): Worker[] => {
    // workerData must be an object: geotiff's web-worker shim reads it in every worker thread.
    heapFlagsForNewIsolates();
    const entry = unitWorkerEntry();
    const started = Array.from({ length: count }, () => new Worker(entry, { workerData: {} }));
    started.forEach((w, k) => {
      w.on('message', (msg: PoolResponse) => current?.message(k, msg));
      w.on('error', (err) => current?.fail(err));
      w.on('exit', (code) => {
        // A thread gone (between pairs too) retires its pool: the next pair starts new threads.
        if (workers === started) void stop();
        current?.fail(new Error(`detection thread exited with code ${code}`));
      });
    });
    return started;
  };
  return {
    async run(unitsIn, opts, onResult, signal) {
      const ws = (workers ??= start());
      let settled = false;
      try {
        await new Promise<void>((resolve, reject) => {
          let active = 0;
          let units: HaloWindow[] = [];
          // Known once the units and the model have arrived; threads that are ready wait for it.
          let runs: UnitRun[] | undefined;
          const ready = new Set<number>();
          const fail = (err: Error) => {
            if (settled) return;
            settled = true;
            reject(err);
          };
          const feed = (k: number) => {
            if (settled || runs === undefined) return;
            if (signal?.aborted) return fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            const id = nextUnit(runs, k);
            if (id === undefined) {
              if (active === 0) {
                settled = true;
                resolve();
              }
              return;
            }
            active++;
            ws[k].postMessage({ type: 'unit', id, win: units[id] } satisfies PoolRequest);
          };
          current = {
            fail,
            message(k, msg) {
              if (msg.type === 'ready') {
                ready.add(k);
                return feed(k);
              }
              if (msg.type === 'error') return fail(toError(msg.error));
              active--;
              onResult(msg.id, msg.pieces, msg.maskedPixels, msg.picture);
              feed(k);
            },
          };
          const init: PoolRequest = { type: 'init', beforePath: opts.beforePath, afterPath: opts.afterPath, masks: opts.masks, bands: opts.bands, cacheBytes: UNIT_TILE_CACHE_BYTES, pictureCell: opts.pictureCell };
          for (const w of ws) w.postMessage(init);
          Promise.all([unitsIn, opts.model]).then(([u, model]) => {
            if (settled) return;
            units = u;
            for (const w of ws) w.postMessage({ type: 'model', model } satisfies PoolRequest);
            runs = splitRuns(unitOrder(u), ws.length, u);
            ws.forEach((_, k) => {
              if (ready.has(k)) feed(k);
            });
          }, fail);
        });
      } catch (err) {
        await stop();
        throw err;
      } finally {
        current = undefined;
      }
    },
    close: stop,
  };
}

/** A thread's share of the unit order: positions [next, end) of `order`. */
export interface UnitRun {
  order: number[];
  next: number;
  end: number;
}

/**
 * `order` cut into `count` contiguous runs of near-equal length, each begun with its largest unit (by
 * outer window, swapped with the run's first): a thread's work buffers then take their full size at
 * its first unit. Begun at a corner unit they grew twice (at the edge units, then at the first
 * interior one), and each growth of the ~150 MB of buffers cost that thread 0.5–0.7 s of page faults.
 */
export function splitRuns(order: number[], count: number, units: HaloWindow[]): UnitRun[] {
  const area = (j: number) => units[order[j]].outer.width * units[order[j]].outer.height;
  return Array.from({ length: count }, (_, k) => {
    const run = { order, next: Math.floor((k * order.length) / count), end: Math.floor(((k + 1) * order.length) / count) };
    let big = run.next;
    for (let j = run.next + 1; j < run.end; j++) if (area(j) > area(big)) big = j;
    [order[run.next], order[big]] = [order[big], order[run.next]];
    return run;
  });
}

/**
 * Next unit for thread k: the head of its own run; once that is empty, the back half of the longest
 * remaining run becomes its run (so both threads keep walking contiguous units to the end).
 */
export function nextUnit(runs: UnitRun[], k: number): number | undefined {
  const own = runs[k];
  if (own.next >= own.end) {
    let from = own;
    for (const r of runs) if (r.end - r.next > from.end - from.next) from = r;
    if (from.end - from.next <= 0) return undefined;
    const mid = from.next + Math.floor((from.end - from.next) / 2);
    own.next = mid;
    own.end = from.end;
    from.end = mid;
  }
  return own.order[own.next++];
}

function toError(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'InputError' && e.code) return new InputError(e.code as InputErrorCode, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

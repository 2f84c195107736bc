/**
 * Detection units grouped into queue jobs. A job's units are neighbours, detected one after another
 * by one process, so the tiles their halos share are decoded once (the pair's tile cache keeps
 * them). One job per unit spread neighbours over all workers, and each decoded its halo tiles again:
 * 15 % more CPU per unit on an 8192² scene.
 */
import type { HaloWindow } from '../../geo/types.ts';
import { groupBy } from '../group-by.ts';
import { unitOrder } from './unit-order.ts';

export interface PendingUnit {
  unitId: string;
  pairId: string;
  win: HaloWindow;
}

/** Core pixels per job at most: a 2 × 2 block of default 1024² windows, a few seconds of one core. */
export const BATCH_CORE_PIXELS = 4 * 1024 * 1024;

/** Jobs per pair at least (where it has the units): a run of one scene still spreads over 16 workers. */
export const MIN_BATCHES_PER_PAIR = 16;

/**
 * The units' ids as jobs: per pair (in order of first appearance), consecutive units in unitOrder,
 * as many as fit BATCH_CORE_PIXELS at the pair's largest core (at least one), and few enough to
 * make MIN_BATCHES_PER_PAIR jobs.
 */
export function unitBatches(units: readonly PendingUnit[]): string[][] {
  const out: string[][] = [];
  for (const pair of groupBy(units, (u) => u.pairId).values()) {
    const largest = pair.reduce((m, u) => Math.max(m, u.win.core.width * u.win.core.height), 0);
    const per = Math.max(1, Math.min(Math.floor(BATCH_CORE_PIXELS / largest), Math.ceil(pair.length / MIN_BATCHES_PER_PAIR)));
    const order = unitOrder(pair.map((u) => u.win)).map((i) => pair[i].unitId);
    for (let i = 0; i < order.length; i += per) out.push(order.slice(i, i + per));
  }
  return out;
}

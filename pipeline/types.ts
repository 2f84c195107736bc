/**
 * The stage contract, modelled on BullMQ's Processor: a bare async function over plain data.
 * The BullMQ adapter and the in-process runner both call the same handlers.
 */
import type { Db } from './store/db.ts';

export interface Progress {
  done: number;
  total: number;
  /** Short human label, e.g. 'detect 12/64 windows'. */
  label?: string;
}

export interface StageContext {
  db: Db;
  signal: AbortSignal;
  progress(p: Progress): void;
  /**
   * Cut only, from a queue executor: takes a pair's unit batches as soon as the pair is cut, so
   * they are detected while the cut goes on with the next pairs.
   */
  unitsReady?(batches: string[][]): Promise<void>;
}

export type StageHandler<In, Out> = (input: In, ctx: StageContext) => Promise<Out>;

/** Static description of a stage: its defaults live beside its handler. */
export interface StageDef<In = unknown, Out = unknown> {
  name: string;
  /** Attempts including the first. */
  attempts: number;
  /** Exponential backoff base delay in ms. */
  backoffMs: number;
  /** Wall-clock limit per attempt in ms. */
  timeoutMs: number;
  handler: StageHandler<In, Out>;
}

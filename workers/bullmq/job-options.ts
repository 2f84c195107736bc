/**
 * BullMQ job options from a stage definition: attempts and exponential backoff from the stage's
 * defaults; bounded history so Redis does not grow with every run.
 */
import type { JobsOptions } from 'bullmq';
import type { StageDef } from '../../pipeline/types.ts';

/** Completed jobs kept: one hour or 2000 per queue. Failed ones: a week or 5000 (for diagnosis). */
export const REMOVE_ON_COMPLETE = { age: 3600, count: 2000 } as const;
export const REMOVE_ON_FAIL = { age: 7 * 24 * 3600, count: 5000 } as const;

export function jobOptions(def: Pick<StageDef, 'attempts' | 'backoffMs'>): JobsOptions {
  return {
    attempts: def.attempts,
    backoff: { type: 'exponential', delay: def.backoffMs },
    removeOnComplete: REMOVE_ON_COMPLETE,
    removeOnFail: REMOVE_ON_FAIL,
  };
}

/**
 * A stage job inside a run's chain: if it fails for good, its parent fails too (so the run's top
 * job never waits forever). Unit jobs instead use ignoreDependencyOnFailure: a failing unit is
 * recorded in the units table and the merge goes on without it.
 */
export function chainOptions(def: Pick<StageDef, 'attempts' | 'backoffMs'>, jobId: string): JobsOptions {
  return { ...jobOptions(def), jobId, failParentOnFailure: true };
}

export function unitOptions(def: Pick<StageDef, 'attempts' | 'backoffMs'>, jobId: string): JobsOptions {
  return { ...jobOptions(def), jobId, ignoreDependencyOnFailure: true };
}

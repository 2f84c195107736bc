/**
 * A sandboxed processor for one stage: runs in a BullMQ child process with its own store. The
 * child exits when its parent worker goes away (child-guard.mjs, preloaded by start-workers.ts).
 */
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { processEnv } from './process-env.ts';
import { stageProcessor } from './stage-processor.ts';

export function sandboxedProcessor(stage: QueueStage) {
  return stageProcessor(stage, processEnv);
}

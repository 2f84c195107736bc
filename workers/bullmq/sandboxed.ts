/**
 * A sandboxed processor for one stage: runs in a BullMQ child process with its own store. The
 * child exits when its parent worker goes away (e.g. SIGKILL), so no orphan keeps computing.
 */
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { processEnv } from './process-env.ts';
import { stageProcessor } from './stage-processor.ts';

export function sandboxedProcessor(stage: QueueStage) {
  if (process.send) process.on('disconnect', () => process.exit(0));
  return stageProcessor(stage, processEnv);
}

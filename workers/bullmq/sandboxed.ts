/**
 * A sandboxed processor for one stage: runs in a BullMQ child process with its own store. The
 * child exits when its parent worker goes away (e.g. SIGKILL), so no orphan keeps computing.
 */
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { processEnv } from './process-env.ts';
import { stageProcessor } from './stage-processor.ts';

export function sandboxedProcessor(stage: QueueStage) {
  if (process.send) exitWithParent();
  return stageProcessor(stage, processEnv);
}

function exitWithParent(): void {
  // The parent may already be gone by the time this module loads.
  if (!process.connected) process.exit(0);
  process.on('disconnect', () => process.exit(0));
  // BullMQ's child reports an uncaught error to its parent before exiting. With the parent gone the
  // report fails too, which is itself uncaught: the child then loops at full CPU with growing memory
  // and never reaches the 'disconnect' event (seen after a SIGKILLed worker). Exit first instead.
  process.prependListener('uncaughtException', () => {
    if (!process.connected) process.exit(0);
  });
}

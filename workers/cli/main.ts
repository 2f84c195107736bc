/**
 * The `landwatch` command line. Each command lives in its own module under commands/ and registers
 * itself on the program; this file only wires them and turns errors into one line and an exit code.
 */
import { Command } from 'commander';
import { reportFailure } from './fail.ts';
import { registerDetect } from './commands/detect.ts';
import { registerLayers } from './commands/layers.ts';
import { registerOverlay } from './commands/overlay.ts';
import { registerRun } from './commands/run.ts';
import { registerWorker } from './commands/worker.ts';
import { registerStatus } from './commands/status.ts';
import { registerResume } from './commands/resume.ts';
import { registerExport } from './commands/export.ts';
import { registerReport } from './commands/report.ts';
import { registerDeliver } from './commands/deliver.ts';
import { registerVerify } from './commands/verify.ts';

const program = new Command('landwatch')
  .description('Satellite change detection to land-enforcement clues')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerDetect(program);
registerLayers(program);
registerOverlay(program);
registerRun(program);
registerWorker(program);
registerStatus(program);
registerResume(program);
registerExport(program);
registerReport(program);
registerDeliver(program);
registerVerify(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportFailure(err);
}

/**
 * The `landwatch` command line. Each command lives in its own module under commands/ and registers
 * itself on the program; this file only wires them and turns errors into one line and an exit code.
 */
import { Command } from 'commander';
import { reportFailure } from './fail.ts';

const program = new Command('landwatch')
  .description('Satellite change detection to land-enforcement clues')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

// Loading every command's modules (database, queue, rendering clients) costs ~75 MB of RSS that
// `detect` keeps for its whole run, so only the command named is loaded (all for help or a typo).
const commands: Record<string, () => Promise<(program: Command) => void>> = {
  detect: async () => (await import('./commands/detect.ts')).registerDetect,
  layers: async () => (await import('./commands/layers.ts')).registerLayers,
  overlay: async () => (await import('./commands/overlay.ts')).registerOverlay,
  run: async () => (await import('./commands/run.ts')).registerRun,
  worker: async () => (await import('./commands/worker.ts')).registerWorker,
  status: async () => (await import('./commands/status.ts')).registerStatus,
  resume: async () => (await import('./commands/resume.ts')).registerResume,
  export: async () => (await import('./commands/export.ts')).registerExport,
  report: async () => (await import('./commands/report.ts')).registerReport,
  deliver: async () => (await import('./commands/deliver.ts')).registerDeliver,
  verify: async () => (await import('./commands/verify.ts')).registerVerify,
};

try {
  const named = process.argv[2];
  const load = named !== undefined && Object.hasOwn(commands, named) ? [commands[named]] : Object.values(commands);
  for (const register of await Promise.all(load.map((l) => l()))) register(program);
  await program.parseAsync(process.argv);
} catch (err) {
  reportFailure(err);
}

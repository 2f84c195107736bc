import type { Command } from 'commander';

export function registerWorker(program: Command): void {
  program.command('worker').description('(not implemented yet)').action(() => {
    throw new Error('landwatch worker is not implemented yet');
  });
}

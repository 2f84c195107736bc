import type { Command } from 'commander';

export function registerOverlay(program: Command): void {
  program.command('overlay').description('(not implemented yet)').action(() => {
    throw new Error('landwatch overlay is not implemented yet');
  });
}

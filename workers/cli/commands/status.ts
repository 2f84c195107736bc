import type { Command } from 'commander';

export function registerStatus(program: Command): void {
  program.command('status').description('(not implemented yet)').action(() => {
    throw new Error('landwatch status is not implemented yet');
  });
}

import type { Command } from 'commander';

export function registerDeliver(program: Command): void {
  program.command('deliver').description('(not implemented yet)').action(() => {
    throw new Error('landwatch deliver is not implemented yet');
  });
}

import type { Command } from 'commander';

export function registerReport(program: Command): void {
  program.command('report').description('(not implemented yet)').action(() => {
    throw new Error('landwatch report is not implemented yet');
  });
}

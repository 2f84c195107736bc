import type { Command } from 'commander';

export function registerExport(program: Command): void {
  program.command('export').description('(not implemented yet)').action(() => {
    throw new Error('landwatch export is not implemented yet');
  });
}

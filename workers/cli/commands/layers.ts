import type { Command } from 'commander';

export function registerLayers(program: Command): void {
  program.command('layers').description('(not implemented yet)').action(() => {
    throw new Error('landwatch layers is not implemented yet');
  });
}

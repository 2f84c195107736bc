import type { Command } from 'commander';

export function registerResume(program: Command): void {
  program.command('resume').description('(not implemented yet)').action(() => {
    throw new Error('landwatch resume is not implemented yet');
  });
}

/** Turns any failure into one line on stderr and a non-zero exit code (2 for bad input, 1 otherwise). */
import { InputError, oneLine } from '../../pipeline/errors.ts';

export function reportFailure(err: unknown): never {
  process.stderr.write(`landwatch: ${oneLine(err)}\n`);
  if (process.env.LANDWATCH_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(err instanceof InputError ? 2 : 1);
}

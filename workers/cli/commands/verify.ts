/**
 * `landwatch verify import FILE`: field-verification verdicts back into each clue's history.
 * Exit 0 when every row imported, 3 when some rows were rejected (the good rows still import; the
 * bad ones are listed on stderr, one per line), 2 for an unreadable file.
 */
import type { Command } from 'commander';
import { InputError } from '../../../pipeline/errors.ts';
import { importVerdicts } from '../../../pipeline/verify/import-verdicts.ts';
import { readVerdictFile } from '../../../pipeline/verify/read-verdict-file.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

/** Exit code when some rows were rejected and the rest imported. */
export const EXIT_SOME_REJECTED = 3;

interface VerifyImportOptions extends StoreCliOptions {
  format?: string;
  actor?: string;
}

export function registerVerify(program: Command): void {
  const verify = program.command('verify').description('verification feedback (field-checked verdicts)');
  addStoreOptions(
    verify
      .command('import')
      .argument('<file>', 'CSV or JSON rows: JCBH, verdict (合法/违法/其他), reason, by, at')
      .description('append verdicts to clue histories; exit 3 if some rows were rejected (the good rows still import)')
      .option('--format <fmt>', 'csv or json (default: from the extension; .json/.jsonl/.ndjson are JSON)')
      .option('--actor <name>', 'actor for rows without a "by" value (default: such rows are rejected)'),
  ).action(async (file: string, opts: VerifyImportOptions) => {
    if (opts.format !== undefined && opts.format !== 'csv' && opts.format !== 'json') {
      throw new InputError('BAD_OPTION', `--format must be csv or json, not ${opts.format}`);
    }
    const rows = await readVerdictFile(file, opts.format as 'csv' | 'json' | undefined);
    const store = await openStoreFromOptions(opts);
    try {
      const res = await importVerdicts(store, rows, { defaultActor: opts.actor, source: `verify import ${file}` });
      if (res.rejected.length > 0) {
        process.stderr.write(`rejected rows (${res.rejected.length}):\n`);
        process.stderr.write(`${'line'.padStart(6)}  ${'JCBH'.padEnd(20)}  ${'verdict'.padEnd(8)}  problem\n`);
        for (const r of res.rejected) {
          process.stderr.write(`${String(r.line).padStart(6)}  ${r.jcbh.padEnd(20)}  ${r.verdict.padEnd(8)}  ${r.problem}\n`);
        }
        process.exitCode = EXIT_SOME_REJECTED;
      }
      process.stdout.write(
        `imported ${res.imported} verdict(s), ${res.unchanged} already present, ${res.rejected.length} rejected; ${res.enqueued} record(s) queued for delivery\n`,
      );
    } finally {
      await store.close();
    }
  });
}

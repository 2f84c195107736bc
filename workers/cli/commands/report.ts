/** `landwatch report RUN [--out DIR]`: county summary, Markdown to stdout or report.md + report.html in DIR. */
import type { Command } from 'commander';
import { checkOutputDir } from '../../../pipeline/io/check-output-path.ts';
import { reportRun } from '../../../pipeline/report/report-run.ts';
import { addStoreOptions, openStoreFromOptions, type StoreCliOptions } from '../store-options.ts';

interface ReportCliOptions extends StoreCliOptions {
  out?: string;
}

export function registerReport(program: Command): void {
  addStoreOptions(
    program
      .command('report')
      .argument('<run>', 'run id')
      .description('county summary: clues and areas by severity and change type, accountability ratio (flag at 15 %)')
      .option('--out <dir>', 'write report.md, report.html (inline SVG chart) and overview.png (the run\'s map) into this existing directory; default: Markdown to stdout'),
  ).action(async (runId: string, opts: ReportCliOptions) => {
    if (opts.out !== undefined) checkOutputDir(opts.out, 'report');
    const store = await openStoreFromOptions(opts);
    try {
      const res = await reportRun(store, runId, { outDir: opts.out });
      if (res.overviewError) process.stderr.write(`landwatch: the overview map was left out: ${res.overviewError}\n`);
      if (res.files.length > 0) process.stdout.write(`wrote ${res.files.join(', ')}\n`);
      else process.stdout.write(res.markdown);
    } finally {
      await store.close();
    }
  });
}

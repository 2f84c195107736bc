/**
 * `landwatch report RUN`: the county summary as Markdown (stdout, or DIR/report.md) and HTML with
 * inline SVG charts (DIR/report.html). The output directory is checked before any query.
 */
import { join } from 'node:path';
import type { Db } from '../store/db.ts';
import { checkOutputDir } from '../io/check-output-path.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { summariseRun, type RunSummary, type SummariseOptions } from './summarise-run.ts';

export interface ReportResult {
  summary: RunSummary;
  markdown: string;
  /** Files written (empty without outDir). */
  files: string[];
}

export async function reportRun(db: Db, runId: string, opts: SummariseOptions & { outDir?: string } = {}): Promise<ReportResult> {
  const dir = opts.outDir === undefined ? undefined : checkOutputDir(opts.outDir, 'report');
  const summary = await summariseRun(db, runId, opts);
  const markdown = renderMarkdown(summary);
  const files: string[] = [];
  if (dir) {
    const md = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    writeFileAtomicSync(md, markdown);
    writeFileAtomicSync(html, renderHtml(summary));
    files.push(md, html);
  }
  return { summary, markdown, files };
}

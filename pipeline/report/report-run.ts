/**
 * `landwatch report RUN`: the county summary as Markdown (stdout, or DIR/report.md) and HTML with
 * inline SVG charts (DIR/report.html). With DIR, the run's overview map too (DIR/overview.png,
 * linked from the Markdown and inline in the HTML), when its units recorded pictures. The output
 * directory is checked before any query.
 */
import { join } from 'node:path';
import type { Db } from '../store/db.ts';
import { checkOutputDir } from '../io/check-output-path.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import { SEVERITY_LEGEND } from '../exports/overview-map.ts';
import { writeRunOverview } from '../exports/run-overview.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { summariseRun, type RunSummary, type SummariseOptions } from './summarise-run.ts';

const MAP_LEGEND = `后时相影像，图斑按严重程度着色 (the later date, patches by severity): ${SEVERITY_LEGEND}, white not judged yet.`;

export interface ReportResult {
  summary: RunSummary;
  markdown: string;
  /** Files written (empty without outDir). */
  files: string[];
  /** Why the overview map could not be drawn, when it could not. */
  overviewError?: string;
}

export async function reportRun(db: Db, runId: string, opts: SummariseOptions & { outDir?: string } = {}): Promise<ReportResult> {
  const dir = opts.outDir === undefined ? undefined : checkOutputDir(opts.outDir, 'report');
  const summary = await summariseRun(db, runId, opts);
  const markdown = renderMarkdown(summary);
  const files: string[] = [];
  let overviewError: string | undefined;
  if (dir) {
    const md = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    // The tables matter more than the picture: a map that cannot be drawn is left out, and said why.
    const written = await writeRunOverview(db, runId, join(dir, 'overview.png'));
    overviewError = written.error;
    const map = written.png;
    writeFileAtomicSync(md, map ? `${markdown}\n## 总览图 Overview map\n\n${MAP_LEGEND}\n\n![overview](overview.png)\n` : markdown);
    writeFileAtomicSync(html, renderHtml(summary, map ? { png: map, legend: MAP_LEGEND } : undefined));
    files.push(md, html, ...(written.path ? [written.path] : []));
  }
  return { summary, markdown, files, ...(overviewError ? { overviewError } : {}) };
}

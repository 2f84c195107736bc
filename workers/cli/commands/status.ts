/** `landwatch status [RUN]`: per-stage progress of a run as a table (or the latest runs). */
import type { Command } from 'commander';
import { sql } from '../../../pipeline/store/load-sql.ts';
import { runStatus, type RunStatus } from '../../../pipeline/runs/run-status.ts';
import { openRunStore } from '../../executor-run.ts';
import { addStoreOptions, type StoreCliOptions } from '../store-options.ts';

export function registerStatus(program: Command): void {
  const cmd = program
    .command('status')
    .argument('[run]', 'run id (default: list the latest runs)')
    .description('show a run’s progress per stage, failed units and unusable inputs')
    .option('--json', 'print JSON instead of a table');
  addStoreOptions(cmd).action(async (runId: string | undefined, o: StoreCliOptions & { json?: boolean }) => {
    const store = await openRunStore(o);
    try {
      if (!runId) {
        const { rows } = await store.query<{ id: string; status: string; region: string | null; created_at: Date; finished_at: Date | null }>(sql('runs-list'), [20]);
        if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        process.stdout.write(table(['run', 'status', 'region', 'created', 'finished'], rows.map((r) => [r.id, r.status, r.region ?? '', iso(r.created_at), iso(r.finished_at)])));
        return;
      }
      const s = await runStatus(store, runId);
      process.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s));
    } finally {
      await store.close();
    }
  });
}

export function formatStatus(s: RunStatus): string {
  const { run } = s;
  const head = `run ${run.id}  ${run.status}${run.error ? ` (${run.error})` : ''}  created ${iso(run.created_at)}${run.finished_at ? `  finished ${iso(run.finished_at)}` : ''}\n\n`;
  const body = table(
    ['stage', 'status', 'done', 'total', 'seconds', 'error'],
    s.stages.map((st) => [st.stage, st.status, String(st.done), String(st.total), st.seconds === null ? '' : st.seconds.toFixed(1), st.error ?? '']),
  );
  const extra: string[] = [];
  if (s.units.done + s.units.pending + s.units.failed > 0) extra.push(`units: ${s.units.done} done, ${s.units.pending} pending, ${s.units.failed} failed`);
  for (const u of s.failedUnits) extra.push(`failed unit ${u.unit_id} after ${u.attempts} attempts: ${u.error ?? ''}`);
  for (const p of s.problems) extra.push(`not used (${p.stage}) ${p.subject}: ${p.code ? `${p.code} ` : ''}${p.message}`);
  return `${head}${body}${extra.length ? `\n${extra.join('\n')}\n` : ''}`;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString().replace(/\.\d+Z$/, 'Z') : '');

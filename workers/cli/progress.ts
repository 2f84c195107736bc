/**
 * Progress for long commands: a redrawn bar on a terminal, a line every few seconds otherwise
 * (logs, CI), nothing when `quiet`. Writes to stderr so stdout stays clean for scripts.
 */
import type { Progress } from '../../pipeline/types.ts';

export interface ProgressBar {
  update(p: Progress): void;
  done(message?: string): void;
}

export function progressBar(title: string, opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressBar {
  const stream = opts.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let lastLine = 0;
  let lastText = '';
  const render = (p: Progress): string => {
    const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
    const width = 28;
    const filled = Math.round(frac * width);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    return `${title} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${p.label ?? `${p.done}/${p.total}`} ${secs}s`;
  };
  return {
    update(p) {
      if (opts.quiet) return;
      const text = render(p);
      if (tty) {
        if (text !== lastText) stream.write(`\r\x1b[2K${text}`);
      } else if (Date.now() - lastLine > 5000 || p.done === p.total) {
        stream.write(`${text}\n`);
        lastLine = Date.now();
      }
      lastText = text;
    },
    done(message) {
      if (opts.quiet) return;
      if (tty && lastText) stream.write('\r\x1b[2K');
      if (message) stream.write(`${message}\n`);
    },
  };
}

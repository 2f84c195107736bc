/**
 * A horizontal bar chart as inline SVG (no scripts, no external fonts), for the HTML report.
 * Text is escaped; values are drawn to scale from 0 to the largest value.
 */
export interface Bar {
  label: string;
  value: number;
  /** Shown at the end of the bar; default the value with 2 decimals. */
  text?: string;
  colour?: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function svgBarChart(title: string, bars: Bar[], opts: { width?: number; marker?: { value: number; label: string }; max?: number } = {}): string {
  const width = opts.width ?? 640;
  const labelW = 170;
  const rowH = 26;
  const top = 30;
  const plotW = width - labelW - 90;
  const height = top + rowH * Math.max(1, bars.length) + 16;
  const max = Math.max(1e-9, ...bars.map((b) => b.value), opts.marker?.value ?? 0, opts.max ?? 0);
  const x = (v: number): number => labelW + (plotW * Math.max(0, v)) / max;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="sans-serif" font-size="12">`,
    `<text x="0" y="16" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${escapeXml(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${(x(b.value) - labelW).toFixed(1)}" height="${rowH - 8}" fill="${b.colour ?? '#4a78b5'}"/>`,
      `<text x="${(x(b.value) + 6).toFixed(1)}" y="${y + 16}">${escapeXml(b.text ?? b.value.toFixed(2))}</text>`,
    );
  });
  if (bars.length === 0) parts.push(`<text x="${labelW}" y="${top + 16}" fill="#777">—</text>`);
  if (opts.marker) {
    const mx = x(opts.marker.value).toFixed(1);
    parts.push(
      `<line x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${height - 10}" stroke="white" stroke-width="4"/>`,
      `<line x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${height - 10}" stroke="#111" stroke-width="2" stroke-dasharray="5 3"/>`,
      `<text x="${mx}" y="${height - 1}" fill="#111" text-anchor="middle">${escapeXml(opts.marker.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

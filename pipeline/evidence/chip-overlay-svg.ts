/**
 * The SVGs drawn over a chip, in two layers: the patch outline, and the labels (a caption with date
 * and role, and a scale bar with a "nice" length, 1, 2 or 5 × 10ⁿ m, about a quarter of the chip
 * wide). Two layers because each repeats: a clue's four chips share its outline, and the chips of a
 * run share a few label layers, so each is rasterised once. Coordinates are output pixels.
 */
export interface OverlayOptions {
  width: number;
  height: number;
  /** Rings in output pixel coordinates. */
  rings: [number, number][][];
  /** Caption lines, top-left. */
  caption: string[];
  /** Ground metres per output pixel; no scale bar when absent. */
  metresPerPixel?: number;
  outlineColour?: string;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The largest 1/2/5 × 10ⁿ not above `m`. */
export function niceLength(m: number): number {
  const p = 10 ** Math.floor(Math.log10(m));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= m) ?? p;
}

export const svgOpen = (o: Pick<OverlayOptions, 'width' | 'height'>): string => `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif">`;

/** The outline layer (drawn first). */
export function outlineSvg(o: Pick<OverlayOptions, 'width' | 'height' | 'rings' | 'outlineColour'>): string {
  const parts = [svgOpen(o)];
  for (const ring of o.rings) {
    if (ring.length < 2) continue;
    const pts = ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    // A dark under-stroke keeps the outline visible on bright and dark ground alike.
    parts.push(`<polygon points="${pts}" fill="none" stroke="black" stroke-width="4" stroke-opacity="0.6"/>`);
    parts.push(`<polygon points="${pts}" fill="none" stroke="${o.outlineColour ?? '#ffeb3b'}" stroke-width="2"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The label layer (drawn over the outline): caption and scale bar. */
export function labelSvg(o: Pick<OverlayOptions, 'width' | 'height' | 'caption' | 'metresPerPixel'>): string {
  const fs = Math.max(11, Math.min(32, Math.round(Math.min(o.width, o.height) / 22)));
  const halo = `stroke="black" stroke-width="${Math.max(2, fs / 5).toFixed(1)}" paint-order="stroke" stroke-linejoin="round"`;
  const parts = [svgOpen(o)];
  o.caption.forEach((line, i) => {
    parts.push(`<text x="${fs * 0.5}" y="${fs * (1.3 + i * 1.25)}" font-size="${fs}" fill="white" ${halo}>${esc(line)}</text>`);
  });
  if (o.metresPerPixel && o.metresPerPixel > 0) {
    const len = niceLength((o.width / 4) * o.metresPerPixel);
    const px = len / o.metresPerPixel;
    const x0 = fs * 0.6;
    const y0 = o.height - fs * 0.9;
    const h = Math.max(4, fs / 3);
    parts.push(`<rect x="${x0 - 2}" y="${y0 - 2}" width="${px + 4}" height="${h + 4}" fill="black"/>`);
    parts.push(`<rect x="${x0}" y="${y0}" width="${px / 2}" height="${h}" fill="white"/>`);
    parts.push(`<rect x="${x0 + px / 2}" y="${y0}" width="${px / 2}" height="${h}" fill="#888"/>`);
    const label = len >= 1000 ? `${len / 1000} km` : `${len} m`;
    parts.push(`<text x="${x0 + px + fs * 0.4}" y="${y0 + h}" font-size="${fs}" fill="white" ${halo}>${label}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

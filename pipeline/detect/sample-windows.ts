import type { PixelWindow } from '../../geo/types.ts';

/**
 * Windows read to fit the scene model: the whole grid when it is small, otherwise `count` windows of
 * `size` pixels on an even lattice. Depends only on the grid size, so the model (and so the result)
 * does not depend on how the scene is later cut into work units.
 */
export function sampleWindows(width: number, height: number, count: number, size: number): PixelWindow[] {
  const out: PixelWindow[] = [];
  if (width * height <= count * size * size) {
    for (let y = 0; y < height; y += size) {
      for (let x = 0; x < width; x += size) {
        out.push({ x, y, width: Math.min(size, width - x), height: Math.min(size, height - y) });
      }
    }
    return out;
  }
  const across = Math.max(1, Math.round(Math.sqrt((count * width) / height)));
  const down = Math.max(1, Math.ceil(count / across));
  const w = Math.min(size, width);
  const h = Math.min(size, height);
  for (let j = 0; j < down; j++) {
    for (let i = 0; i < across; i++) {
      const cx = ((i + 0.5) / across) * width;
      const cy = ((j + 0.5) / down) * height;
      const x = Math.min(width - w, Math.max(0, Math.round(cx - w / 2)));
      const y = Math.min(height - h, Math.max(0, Math.round(cy - h / 2)));
      out.push({ x, y, width: w, height: h });
    }
  }
  return out;
}

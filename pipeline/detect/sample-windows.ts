import type { Grid, PixelWindow } from '../../geo/types.ts';

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

/** Pieces narrower than this are left out: little beyond the smoothing and matching margins. */
const MIN_PIECE = 16;
/** Cap on how much the lattice grows to make up for gaps between tiles. */
const MAX_SPARSITY = 16;

/**
 * The sample windows of tiles that share one scene model (same CRS and pixel size), per tile in its
 * own pixels: sampleWindows laid over the tiles' joint extent, each window cut into the pieces that
 * fall on tiles. The windows sample the same ground however the scene was cut into tiles, and one
 * tile gets exactly its sampleWindows. Where tiles leave gaps in their extent, the lattice is denser
 * in proportion (up to MAX_SPARSITY times), so about `count` windows still land on them.
 */
export function sharedSampleWindows(grids: Grid[], count: number, size: number): PixelWindow[][] {
  const { resX, resY } = grids[0];
  const minX = Math.min(...grids.map((g) => g.originX));
  const maxY = Math.max(...grids.map((g) => g.originY));
  const maxX = Math.max(...grids.map((g) => g.originX + g.width * resX));
  const minY = Math.min(...grids.map((g) => g.originY - g.height * resY));
  const width = Math.round((maxX - minX) / resX);
  const height = Math.round((maxY - minY) / resY);
  const covered = grids.reduce((s, g) => s + g.width * g.height, 0);
  const sparsity = Math.min(MAX_SPARSITY, Math.max(1, (width * height) / covered));
  const lattice = sampleWindows(width, height, Math.round(count * sparsity), size);
  return grids.map((g) => {
    const gx = Math.round((g.originX - minX) / resX);
    const gy = Math.round((maxY - g.originY) / resY);
    return lattice.flatMap((w) => clipPiece(w, gx, gy, g.width, g.height) ?? []);
  });
}

/**
 * `win` clipped to the `width` × `height` rectangle at (x, y) of its frame, in that rectangle's
 * pixels; null when what is left is a sliver (under MIN_PIECE across, unless the whole window).
 */
export function clipPiece(win: PixelWindow, x: number, y: number, width: number, height: number): PixelWindow | null {
  const x0 = Math.max(win.x, x), x1 = Math.min(win.x + win.width, x + width);
  const y0 = Math.max(win.y, y), y1 = Math.min(win.y + win.height, y + height);
  const whole = x1 - x0 === win.width && y1 - y0 === win.height;
  return whole || (x1 - x0 >= MIN_PIECE && y1 - y0 >= MIN_PIECE) ? { x: x0 - x, y: y0 - y, width: x1 - x0, height: y1 - y0 } : null;
}

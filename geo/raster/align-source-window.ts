import type { PixelWindow } from '../types.ts';

/**
 * The source window that covers positions `sx`, `sy` with their bilinear neighbours plus `halo`
 * pixels each side, clipped to an image of `imageWidth` × `imageHeight`; null when none of the
 * positions fall inside.
 */
export function sourceWindowFor(sx: Float64Array, sy: Float64Array, imageWidth: number, imageHeight: number, halo = 0): PixelWindow | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < sx.length; i++) {
    const x = sx[i], y = sy[i];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!(maxX >= 0 && maxY >= 0 && minX < imageWidth && minY < imageHeight)) return null;
  const x0 = Math.max(0, Math.floor(minX - 0.5) - halo);
  const y0 = Math.max(0, Math.floor(minY - 0.5) - halo);
  const x1 = Math.min(imageWidth, Math.floor(maxX + 0.5) + 1 + halo);
  const y1 = Math.min(imageHeight, Math.floor(maxY + 0.5) + 1 + halo);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Binary morphology on a 0/1 mask (row-major, width × height pixels) with (2r+1)² squares, as
 * separable running counts (cost independent of r, rows contiguous). Outside the window counts as
 * "don't care" (ignored by both erosion and dilation) so changes touching the image edge survive;
 * a consequence is that closing extends objects within r of the edge up to it.
 */
function pass(src: Uint8Array, dst: Uint8Array, w: number, h: number, r: number, erode: boolean, rows: boolean): void {
  if (rows) {
    for (let y = 0; y < h; y++) {
      const base = y * w;
      let s = 0;
      const pre = r < w ? r : w;
      for (let x = 0; x < pre; x++) s += src[base + x];
      for (let x = 0; x < w; x++) {
        if (x + r < w) s += src[base + x + r];
        const lo = x - r < 0 ? 0 : x - r;
        const hi = x + r >= w ? w - 1 : x + r;
        dst[base + x] = erode ? (s === hi - lo + 1 ? 1 : 0) : s > 0 ? 1 : 0;
        if (x - r >= 0) s -= src[base + x - r];
      }
    }
    return;
  }
  const acc = new Int32Array(w);
  const pre = r < h ? r : h;
  for (let y = 0; y < pre; y++) {
    const b = y * w;
    for (let x = 0; x < w; x++) acc[x] += src[b + x];
  }
  for (let y = 0; y < h; y++) {
    if (y + r < h) {
      const b = (y + r) * w;
      for (let x = 0; x < w; x++) acc[x] += src[b + x];
    }
    const lo = y - r < 0 ? 0 : y - r;
    const hi = y + r >= h ? h - 1 : y + r;
    const full = hi - lo + 1;
    const o = y * w;
    if (erode) for (let x = 0; x < w; x++) dst[o + x] = acc[x] === full ? 1 : 0;
    else for (let x = 0; x < w; x++) dst[o + x] = acc[x] > 0 ? 1 : 0;
    if (y - r >= 0) {
      const b = (y - r) * w;
      for (let x = 0; x < w; x++) acc[x] -= src[b + x];
    }
  }
}

/** Opening with radius `r`, then closing with radius `rc` (default r). Needs a halo of 2r + 2rc. */
export function openClose(mask: Uint8Array, width: number, height: number, r: number, rc = r): Uint8Array {
  const a = new Uint8Array(mask.length);
  const b = mask.slice();
  if (r > 0) {
    pass(b, a, width, height, r, true, true);
    pass(a, b, width, height, r, true, false);
    pass(b, a, width, height, r, false, true);
    pass(a, b, width, height, r, false, false);
  }
  if (rc > 0) {
    pass(b, a, width, height, rc, false, true);
    pass(a, b, width, height, rc, false, false);
    pass(b, a, width, height, rc, true, true);
    pass(a, b, width, height, rc, true, false);
  }
  return b;
}

/** Binary dilation with a (2r+1)² square (separable). */
export function dilateSquare(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  if (r <= 0) return mask.slice();
  const a = new Uint8Array(mask.length);
  const b = new Uint8Array(mask.length);
  pass(mask, a, width, height, r, false, true);
  pass(a, b, width, height, r, false, false);
  return b;
}

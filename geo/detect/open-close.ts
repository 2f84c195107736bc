/**
 * Binary morphological clean-up of a 0/1 mask (row-major, width × height pixels): opening then
 * closing with a (2r+1)² square, each as separable row and column passes. Outside the window counts
 * as "don't care" (1 for erosion, 0 for dilation) so changes touching the image edge survive. Results
 * at a pixel depend only on pixels within 4r, the halo this needs.
 */
function pass(src: Uint8Array, dst: Uint8Array, w: number, h: number, r: number, erode: boolean, rows: boolean): void {
  const step = rows ? 1 : w;
  const len = rows ? w : h;
  const lines = rows ? h : w;
  const lineStep = rows ? w : 1;
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    for (let k = 0; k < len; k++) {
      const lo = k - r < 0 ? 0 : k - r;
      const hi = k + r >= len ? len - 1 : k + r;
      let v: number = erode ? 1 : 0;
      if (erode) {
        for (let j = lo; j <= hi; j++) if (src[base + j * step] === 0) { v = 0; break; }
      } else {
        for (let j = lo; j <= hi; j++) if (src[base + j * step] !== 0) { v = 1; break; }
      }
      dst[base + k * step] = v;
    }
  }
}

/** Opening with radius `r`, then closing with radius `rc` (default r). Needs a halo of 2r + 2rc. */
export function openClose(mask: Uint8Array, width: number, height: number, r: number, rc = r): Uint8Array {
  const a = new Uint8Array(mask.length);
  let b = mask.slice();
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

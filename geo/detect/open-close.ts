/**
 * Binary morphology with (2r+1)² squares on bit-packed masks: row y of a width × height mask is
 * `words` = ⌈width / 32⌉ int32 words, pixel x at bit x & 31 of word y · words + (x >> 5). Squares
 * are separable (a row pass with shifts, then a column pass over words), 32 pixels per operation.
 * Outside the window counts as "don't care" (ignored by both erosion and dilation) so changes
 * touching the image edge survive; a consequence is that closing extends objects within r of the
 * edge up to it.
 */
export interface BitMask {
  width: number;
  height: number;
  /** Int32 words per row. */
  words: number;
  bits: Int32Array;
}

export function emptyBitMask(width: number, height: number): BitMask {
  const words = (width + 31) >> 5;
  return { width, height, words, bits: new Int32Array(words * height) };
}

/** Packs a 0/1 (any non-zero) byte mask. */
export function packMask(mask: Uint8Array, width: number, height: number): BitMask {
  const m = emptyBitMask(width, height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const ob = y * m.words;
    for (let x = 0; x < width; x++) if (mask[o + x]) m.bits[ob + (x >> 5)] |= 1 << (x & 31);
  }
  return m;
}

export function unpackMask(m: BitMask): Uint8Array {
  const { width, height, words, bits } = m;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let j = 0; j < words; j++) {
      const v = bits[y * words + j];
      if (v === 0) continue;
      const x0 = j << 5;
      const end = x0 + 32 < width ? 32 : width - x0;
      for (let k = 0; k < end; k++) if ((v >>> k) & 1) out[y * width + x0 + k] = 1;
    }
  }
  return out;
}

/**
 * Row pass: dst bit x = OR (dilate) or AND (erode) of src bits [x − r, x + r] ∩ [0, width). Done in
 * steps of radius ≤ 31 (composing clipped squares gives the clipped square) with the bits past
 * either edge set to the operation's neutral value at each step.
 */
function rowPass(src: Int32Array, dst: Int32Array, width: number, height: number, words: number, r: number, erode: boolean): void {
  const fill = erode ? -1 : 0;
  const tail = width & 31;
  // Bits of the last word past the width.
  const padMask = tail === 0 ? 0 : ~((1 << tail) - 1);
  let from = src;
  let left = r;
  while (left > 0) {
    const k = left > 31 ? 31 : left;
    left -= k;
    for (let y = 0; y < height; y++) {
      const o = y * words;
      if (padMask !== 0) from[o + words - 1] = erode ? from[o + words - 1] | padMask : from[o + words - 1] & ~padMask;
      let prev = fill;
      let cur = from[o];
      for (let j = 0; j < words; j++) {
        const next = j + 1 < words ? from[o + j + 1] : fill;
        let acc = cur;
        for (let s = 1; s <= k; s++) {
          const right = (cur >>> s) | (next << (32 - s));
          const leftv = (cur << s) | (prev >>> (32 - s));
          acc = erode ? acc & right & leftv : acc | right | leftv;
        }
        dst[o + j] = acc;
        prev = cur;
        cur = next;
      }
    }
    from = dst;
  }
  if (r <= 0) dst.set(src);
}

/** Column pass: dst row y = OR / AND of src rows [y − r, y + r] ∩ [0, height). */
function colPass(src: Int32Array, dst: Int32Array, height: number, words: number, r: number, erode: boolean): void {
  for (let y = 0; y < height; y++) {
    const lo = y - r < 0 ? 0 : y - r;
    const hi = y + r >= height ? height - 1 : y + r;
    const o = y * words;
    for (let j = 0; j < words; j++) dst[o + j] = src[lo * words + j];
    for (let yy = lo + 1; yy <= hi; yy++) {
      const b = yy * words;
      if (erode) for (let j = 0; j < words; j++) dst[o + j] &= src[b + j];
      else for (let j = 0; j < words; j++) dst[o + j] |= src[b + j];
    }
  }
}

function square(m: BitMask, tmp: Int32Array, r: number, erode: boolean): void {
  rowPass(m.bits, tmp, m.width, m.height, m.words, r, erode);
  colPass(tmp, m.bits, m.height, m.words, r, erode);
}

/** In place: opening with radius `r`, then closing with radius `rc`. Needs a halo of 2r + 2rc. */
export function openCloseBits(m: BitMask, r: number, rc = r): BitMask {
  const tmp = new Int32Array(m.bits.length);
  if (r > 0) {
    square(m, tmp, r, true);
    square(m, tmp, r, false);
  }
  if (rc > 0) {
    square(m, tmp, rc, false);
    square(m, tmp, rc, true);
  }
  clearPadding(m);
  return m;
}

/** In place: dilation with a (2r+1)² square. */
export function dilateBits(m: BitMask, r: number): BitMask {
  if (r > 0) square(m, new Int32Array(m.bits.length), r, false);
  clearPadding(m);
  return m;
}

export function copyBits(m: BitMask): BitMask {
  return { ...m, bits: m.bits.slice() };
}

/** Zeroes the bits past the width so callers may test whole words. */
function clearPadding(m: BitMask): void {
  const tail = m.width & 31;
  if (tail === 0) return;
  const keep = (1 << tail) - 1;
  for (let y = 0; y < m.height; y++) m.bits[y * m.words + m.words - 1] &= keep;
}

/** Opening with radius `r`, then closing with radius `rc` (default r), on a byte mask. */
export function openClose(mask: Uint8Array, width: number, height: number, r: number, rc = r): Uint8Array {
  return unpackMask(openCloseBits(packMask(mask, width, height), r, rc));
}

/** Binary dilation with a (2r+1)² square (separable), on a byte mask. */
export function dilateSquare(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  return unpackMask(dilateBits(packMask(mask, width, height), r));
}

/**
 * 8-connected component labelling of a 0/1 mask (two-pass with union-find), for evaluation only.
 * Returns labels (0 = background, 1..count) plus per-component pixel counts and perimeters in pixel
 * edges (4-neighbour boundary edges, image border included).
 */
export interface Components {
  labels: Int32Array;
  count: number;
  pixels: number[];
  perimeter: number[];
}

export function labelComponents(mask: Uint8Array, w: number, h: number): Components {
  const labels = new Int32Array(w * h);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return ra;
    const lo = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = lo;
    return lo;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      let l = 0;
      const nbrs = [
        x > 0 ? labels[i - 1] : 0,
        y > 0 ? labels[i - w] : 0,
        y > 0 && x > 0 ? labels[i - w - 1] : 0,
        y > 0 && x < w - 1 ? labels[i - w + 1] : 0,
      ];
      for (const nl of nbrs) if (nl) l = l ? union(l, nl) : find(nl);
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      labels[i] = l;
    }
  }
  const remap = new Int32Array(parent.length);
  let count = 0;
  for (let l = 1; l < parent.length; l++) {
    const r = find(l);
    if (!remap[r]) remap[r] = ++count;
    remap[l] = remap[r];
  }
  const pixels = new Array<number>(count + 1).fill(0);
  const perimeter = new Array<number>(count + 1).fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!labels[i]) continue;
      const l = (labels[i] = remap[labels[i]]);
      pixels[l]++;
      if (x === 0 || !mask[i - 1]) perimeter[l]++;
      if (x === w - 1 || !mask[i + 1]) perimeter[l]++;
      if (y === 0 || !mask[i - w]) perimeter[l]++;
      if (y === h - 1 || !mask[i + w]) perimeter[l]++;
    }
  }
  return { labels, count, pixels, perimeter };
}

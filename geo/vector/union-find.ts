/**
 * Union-find over indices in an Int32Array of parents (p[i] = i for a root), with path halving.
 * The smaller index always becomes the root, so a set's root is its first member in scan order,
 * which keeps labels deterministic whatever order the unions come in.
 */
export function find(p: Int32Array, i: number): number {
  while (p[i] !== i) {
    p[i] = p[p[i]];
    i = p[i];
  }
  return i;
}

export function union(p: Int32Array, a: number, b: number): void {
  a = find(p, a);
  b = find(p, b);
  if (a < b) p[b] = a;
  else if (b < a) p[a] = b;
}

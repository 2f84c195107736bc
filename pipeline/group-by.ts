/** `items` by `keyOf`: keys in order of first appearance, each list in input order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const key = keyOf(it);
    const list = groups.get(key);
    if (list) list.push(it);
    else groups.set(key, [it]);
  }
  return groups;
}

/**
 * A size-bounded least-recently-used map: entries carry a cost (bytes), and the oldest entries
 * are dropped once the total exceeds `maxCost`. Map iteration order is insertion order, so a hit
 * is re-inserted to become the newest. `onEvict` hears of each entry dropped for the budget.
 */
export interface Lru<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V, cost: number): void;
  delete(key: K): void;
  clear(): void;
  readonly size: number;
}

export function createLru<K, V>(maxCost: number, onEvict?: (key: K, value: V) => void): Lru<K, V> {
  const map = new Map<K, { value: V; cost: number }>();
  let total = 0;
  return {
    get(key) {
      const e = map.get(key);
      if (!e) return undefined;
      map.delete(key);
      map.set(key, e);
      return e.value;
    },
    set(key, value, cost) {
      const old = map.get(key);
      if (old) {
        total -= old.cost;
        map.delete(key);
      }
      map.set(key, { value, cost });
      total += cost;
      for (const [k, e] of map) {
        if (total <= maxCost || k === key) break;
        map.delete(k);
        total -= e.cost;
        onEvict?.(k, e.value);
      }
    },
    delete(key) {
      const e = map.get(key);
      if (e) {
        total -= e.cost;
        map.delete(key);
      }
    },
    clear() {
      map.clear();
      total = 0;
    },
    get size() {
      return map.size;
    },
  };
}

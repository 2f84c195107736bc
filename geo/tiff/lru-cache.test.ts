import { describe, expect, it } from 'vitest';
import { createLru } from './lru-cache.ts';

describe('createLru', () => {
  it('evicts least recently used entries beyond the cost budget', () => {
    const lru = createLru<string, number>(10);
    lru.set('a', 1, 4);
    lru.set('b', 2, 4);
    expect(lru.get('a')).toBe(1); // a is now newest
    lru.set('c', 3, 4); // total 12 > 10: evict b
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    lru.set('big', 4, 50); // over budget alone: kept, others go
    expect(lru.size).toBe(1);
    expect(lru.get('big')).toBe(4);
  });

  it('tells onEvict of each entry dropped for the budget, not of those deleted', () => {
    const dropped: string[] = [];
    const lru = createLru<string, number>(10, (k, v) => dropped.push(`${k}=${v}`));
    lru.set('a', 1, 4);
    lru.set('b', 2, 4);
    lru.delete('a');
    lru.set('c', 3, 4);
    expect(dropped).toEqual([]);
    lru.set('d', 4, 8);
    expect(dropped).toEqual(['b=2', 'c=3']);
  });
});

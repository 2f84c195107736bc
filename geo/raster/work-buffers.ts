/**
 * Named work buffers reused from one window to the next. A buffer keeps the largest size asked for
 * and hands out a view of the length wanted: edge units are smaller than interior ones, and
 * reallocating every buffer whenever the size changed (down each column of units) churned ~150 MB
 * per thread and left the allocator's arenas fragmented (hundreds of MB of RSS never returned).
 * Contents are whatever the previous user left.
 */
export interface WorkBuffers {
  f32(key: string, n: number): Float32Array;
  u8(key: string, n: number): Uint8Array;
  i32(key: string, n: number): Int32Array;
}

export function createWorkBuffers(): WorkBuffers {
  const f32s = new Map<string, Float32Array>();
  const u8s = new Map<string, Uint8Array>();
  const i32s = new Map<string, Int32Array>();
  function get<T extends Float32Array | Uint8Array | Int32Array>(pool: Map<string, T>, key: string, n: number, make: (n: number) => T): T {
    let have = pool.get(key);
    if (!have || have.length < n) {
      have = make(n);
      pool.set(key, have);
    }
    return (have.length === n ? have : have.subarray(0, n)) as T;
  }
  return {
    f32: (key, n) => get(f32s, key, n, (m) => new Float32Array(m)),
    u8: (key, n) => get(u8s, key, n, (m) => new Uint8Array(m)),
    i32: (key, n) => get(i32s, key, n, (m) => new Int32Array(m)),
  };
}

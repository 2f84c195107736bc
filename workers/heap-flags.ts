/**
 * V8 heap settings for every landwatch isolate that does pixel or image work. With the default
 * settings a heap of ≈ 20 MB gets an old-generation limit of ≈ 43 MB, less than a young generation
 * above its live size, so V8 keeps starting full collections (mark-compact) that free almost
 * nothing: ≈ 0.4 per evidence clue, and for detection as many on each unit thread. A 128 MB initial
 * old space is a floor under that limit, so collections wait until ≈ 128 MB of the heap is used
 * (image data lives outside it: the isolates' heaps peak at 20–35 MB of live objects). Measured on the 8192² `detect`: 15.0–15.9
 * CPU-s against 18.3–18.4 at the same peak RSS; evidence: 29.8 ms CPU per clue against 38.8.
 * The flag is not allowed in NODE_OPTIONS and does not change a running isolate, so it is given on
 * the command line of processes (bin/landwatch.js's first lines, sandboxed children) and set before
 * worker threads start.
 */
import { setFlagsFromString } from 'node:v8';

export const V8_HEAP_FLAGS: readonly string[] = ['--initial-old-space-size=128'];

/** Applies V8_HEAP_FLAGS to the isolates this process creates from now on (worker threads). */
export function heapFlagsForNewIsolates(): void {
  for (const f of V8_HEAP_FLAGS) setFlagsFromString(f);
}

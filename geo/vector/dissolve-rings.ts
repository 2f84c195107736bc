import type { PixelWindow } from '../types.ts';
import { byFirstVertex } from './by-first-vertex.ts';
import { ringShoelace } from './pixel-ring-area.ts';
import { KEY_STRIDE, simpleRings } from './simple-rings.ts';
import type { PixelPolygon, PixelRing } from './types.ts';

/**
 * Joins polygons of one 4-connected region that was cut by window cores into the polygon a single
 * window would have traced (global pixel coordinates, exact integer arithmetic).
 *
 * Method: all ring edges are pooled; edges lying on a piece's core border are split into unit
 * edges, and pairs of opposite unit edges (the two sides of a cut) cancel. The remaining edges are
 * re-linked into rings with the tracer's rule (turn left at a saddle, see trace-ring.ts), then split
 * at repeated vertices and classified by orientation, so the result equals the direct trace.
 */
export function dissolveRings(parts: readonly { rings: PixelPolygon; core: PixelWindow }[]): PixelPolygon {
  const sx: number[] = [];
  const sy: number[] = [];
  const dir: number[] = [];
  const len: number[] = [];
  const alive: boolean[] = [];
  const units = new Map<number, number>();
  const DX = [1, 0, -1, 0];
  const DY = [0, 1, 0, -1];
  for (const { rings, core } of parts) {
    const xa = core.x;
    const xb = core.x + core.width;
    const ya = core.y;
    const yb = core.y + core.height;
    for (const ring of rings) {
      const n = ring.length;
      for (let i = 0; i < n; i += 2) {
        const ax = ring[i];
        const ay = ring[i + 1];
        const bx = ring[(i + 2) % n];
        const by = ring[(i + 3) % n];
        const d = bx > ax ? 0 : by > ay ? 1 : bx < ax ? 2 : 3;
        const l = Math.abs(bx - ax) + Math.abs(by - ay);
        const onCut = d & 1 ? ax === xa || ax === xb : ay === ya || ay === yb;
        if (!onCut) {
          sx.push(ax), sy.push(ay), dir.push(d), len.push(l), alive.push(true);
          continue;
        }
        for (let k = 0; k < l; k++) {
          const x = ax + k * DX[d];
          const y = ay + k * DY[d];
          const opposite = ((y + DY[d]) * KEY_STRIDE + x + DX[d]) * 4 + ((d + 2) & 3);
          const twin = units.get(opposite);
          if (twin !== undefined && alive[twin]) {
            alive[twin] = false;
            units.delete(opposite);
            continue;
          }
          units.set((y * KEY_STRIDE + x) * 4 + d, sx.length);
          sx.push(x), sy.push(y), dir.push(d), len.push(1), alive.push(true);
        }
      }
    }
  }

  // Outgoing edges per vertex: at most two (a saddle), chained through `second`.
  const out = new Map<number, number>();
  const second = new Int32Array(sx.length).fill(-1);
  for (let e = 0; e < sx.length; e++) {
    if (!alive[e]) continue;
    const key = sy[e] * KEY_STRIDE + sx[e];
    const prev = out.get(key);
    if (prev !== undefined) second[prev] = e;
    else out.set(key, e);
  }

  const used = new Uint8Array(sx.length);
  let shell: PixelRing | undefined;
  const holes: PixelRing[] = [];
  const walk: number[] = [];
  for (let e0 = 0; e0 < sx.length; e0++) {
    if (!alive[e0] || used[e0]) continue;
    walk.length = 0;
    let e = e0;
    for (;;) {
      used[e] = 1;
      const ex = sx[e] + len[e] * DX[dir[e]];
      const ey = sy[e] + len[e] * DY[dir[e]];
      let next = out.get(ey * KEY_STRIDE + ex);
      if (next === undefined) throw new Error(`internal: open boundary at ${ex},${ey}`);
      const other = second[next];
      if (other >= 0 && dir[next] !== ((dir[e] + 3) & 3)) next = other;
      if (dir[next] !== dir[e]) walk.push(ex, ey);
      if (next === e0) break;
      if (used[next]) throw new Error(`internal: boundary re-entered at ${ex},${ey}`);
      e = next;
    }
    for (const ring of simpleRings(walk, true)) {
      if (ringShoelace(ring) < 0) {
        if (shell !== undefined) throw new Error(`internal: two shells in one dissolved region at ${ring[0]},${ring[1]}`);
        shell = ring;
      } else holes.push(ring);
    }
  }
  if (shell === undefined) throw new Error('internal: dissolved region without a shell');
  return [shell, ...holes.sort(byFirstVertex)];
}

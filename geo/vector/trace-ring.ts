/**
 * Crack-following boundary tracer over a padded 0/1 mask (see CoreRuns.pad): walks the pixel edges
 * of one ring with the changed pixels on its left (as drawn, y down), starting with the top edge of
 * pixel `startPixel` (a pad index whose pixel is set and whose upper neighbour is not), walked
 * westward. Vertex v is the top-left corner of the pixel at pad index v.
 *
 * At a saddle (two changed pixels meeting only at a corner) it turns left, hugging the corner of
 * the pixel it is following: the ring keeps to one 4-connected region, so it may pass a saddle twice
 * (see simple-rings.ts) but never joins two regions through a point.
 *
 * Marks bit 2 of `pad` on every pixel whose top edge it walks, so the caller starts each ring once.
 * Appends the corner vertices (pad indices) to `corners`; returns true if a saddle was passed twice.
 */
export function traceRing(pad: Uint8Array, padWidth: number, startPixel: number, corners: number[]): boolean {
  const W = padWidth;
  // Headings: 0 = east (+x), 1 = south (+y), 2 = west, 3 = north.
  const step = [1, W, -1, -W];
  const lfOff = [-W, 0, -1, -W - 1];
  const rfOff = [0, -1, -W - 1, -W];
  let saddles: number[] | undefined;
  let v = startPixel;
  pad[v] |= 2;
  let d = 2;
  for (;;) {
    // The two pixels ahead of v: left-front and right-front.
    const lf = pad[v + lfOff[d]];
    const rf = pad[v + rfOff[d]];
    let nd: number;
    if (lf & 1) nd = rf & 1 ? (d + 1) & 3 : d;
    else {
      nd = (d + 3) & 3;
      if (rf & 1) (saddles ??= []).push(v);
    }
    if (nd !== d) corners.push(v);
    d = nd;
    v += step[d];
    if (d === 2) {
      if (v === startPixel) break;
      pad[v] |= 2;
    }
  }
  if (saddles === undefined || saddles.length < 2) return false;
  saddles.sort((a, b) => a - b);
  for (let i = 1; i < saddles.length; i++) if (saddles[i] === saddles[i - 1]) return true;
  return false;
}

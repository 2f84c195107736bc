/**
 * The run's overview map (overview.png): the later date of every pair, coarse, from the pictures
 * the units recorded as they were detected (CellSums), with every patch outlined in its severity's
 * colour. Built in two steps so a province's pictures stream through: the canvas is laid over the
 * pairs' grids first (overviewCanvas), then each unit's picture is painted onto it (paintPicture),
 * then it is drawn (drawOverview). The canvas is in the CRS of the pair with the most pixels.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { crsTransform } from '../../geo/crs/transform.ts';
import type { CellSums } from '../../geo/raster/cell-sums.ts';
import { GEOGRAPHIC, pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { BandStack, Grid } from '../../geo/types.ts';
import { svgOpen } from '../evidence/chip-overlay-svg.ts';
import { chipSize, renderChip } from '../evidence/render-chip.ts';

/** Longer side of the canvas at most, in its pixels; the picture is drawn at OUTPUT_PX. */
const MAX_CANVAS_PX = 1024;
/** Longer to shorter side of the picture, at most. */
const MAX_ASPECT = 4;
const OUTPUT_PX = 1024;
/** Patches smaller than this on the picture (px) are drawn as a square of this size, or smaller where they crowd. */
const MARKER_PX = 7;
/** Patches store lon/lat in CGCS2000. */
const PATCH_CRS = 4490;

/** The colours' meaning, for texts beside the map (summary.md, the county report). */
export const SEVERITY_LEGEND = 'red severe, orange high, yellow medium, cyan no violation';

/** A patch the rules have not judged yet (a report while the run is still going). */
const UNJUDGED = 'unjudged';

/** Drawn last on top: the most severe. */
const SEVERITY_COLOURS: ReadonlyArray<readonly [severity: string, colour: string]> = [
  [UNJUDGED, '#ffffff'],
  ['none', '#00e5ff'],
  ['medium', '#ffea00'],
  ['high', '#ff9100'],
  ['severe', '#ff1744'],
];

export interface OverviewCanvas {
  grid: Grid;
  /** Per canvas pixel: sums of the three bands, then the (weighted) pixel count. */
  acc: Float64Array;
}

/** A patch as the store gives it: GeoJSON text in lon/lat (CGCS2000), and its severity (null: not judged yet). */
export interface OverviewPatch {
  geometry: string;
  severity: string | null;
}

/**
 * A canvas over the grids' joint extent, MAX_CANVAS_PX across, or fewer where that would be finer
 * than their pixels. Its pixels are square on the ground: in degrees (a geographic CRS), a pixel is
 * 1 / cos(latitude) times wider than high.
 */
export function overviewCanvas(grids: Grid[]): OverviewCanvas {
  if (grids.length === 0) throw new Error('overviewCanvas: no grids');
  const main = grids.reduce((a, g) => (g.width * g.height > a.width * a.height ? g : a));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let finest = Infinity;
  for (const g of grids) {
    const to = g.crs === main.crs ? undefined : crsTransform(g.crs, main.crs);
    const xs = [g.originX, g.originX + g.width * g.resX];
    const ys = [g.originY - g.height * g.resY, g.originY];
    for (const x of [xs[0], (xs[0] + xs[1]) / 2, xs[1]]) {
      for (const y of [ys[0], (ys[0] + ys[1]) / 2, ys[1]]) {
        const [px, py] = to ? to(x, y) : [x, y];
        minX = Math.min(minX, px); maxX = Math.max(maxX, px); minY = Math.min(minY, py); maxY = Math.max(maxY, py);
      }
    }
    if (!to) finest = Math.min(finest, g.resY);
  }
  // Width of a unit of x in units of y: 1 for projected CRSs.
  const squash = GEOGRAPHIC.has(main.crs) ? Math.cos((((minY + maxY) / 2) * Math.PI) / 180) : 1;
  // At most MAX_ASPECT to 1, widened about the middle: a long thin strip of tiles still gets a picture
  // wide enough for its caption and scale bar.
  const spanX = (maxX - minX) * squash;
  const spanY = maxY - minY;
  if (spanX * MAX_ASPECT < spanY) [minX, maxX] = widened(minX, maxX, spanY / MAX_ASPECT / squash);
  if (spanY * MAX_ASPECT < spanX) [minY, maxY] = widened(minY, maxY, spanX / MAX_ASPECT);
  const resY = Math.max(finest, Math.max((maxX - minX) * squash, maxY - minY) / MAX_CANVAS_PX);
  const resX = resY / squash;
  const width = Math.max(1, Math.ceil((maxX - minX) / resX));
  const height = Math.max(1, Math.ceil((maxY - minY) / resY));
  return { grid: { crs: main.crs, originX: minX, originY: maxY, resX, resY, width, height }, acc: new Float64Array(width * height * 4) };
}

/** [lo, hi] widened about its middle to `span`. */
function widened(lo: number, hi: number, span: number): [number, number] {
  const mid = (lo + hi) / 2;
  return [mid - span / 2, mid + span / 2];
}

/**
 * Adds one unit's picture (cells of `grid`) to the canvas: each cell spreads its sums over the canvas
 * pixels whose centres its box covers (in another CRS, the box around its corners there), or adds
 * them to the one pixel under its centre. A cell cut by the grid's edge is placed as a whole cell,
 * up to half a cell off: about a canvas pixel.
 */
export function paintPicture(canvas: OverviewCanvas, grid: Grid, picture: CellSums): void {
  const c = canvas.grid;
  const to = grid.crs === c.crs ? undefined : crsTransform(grid.crs, c.crs);
  const { cell, x0, y0, nx, ny, sums } = picture;
  const halfX = (cell * grid.resX) / 2;
  const halfY = (cell * grid.resY) / 2;
  /** Map point (x, y) of the grid's CRS in canvas pixel coordinates. */
  const at = (x: number, y: number): [number, number] => {
    const [X, Y] = to ? to(x, y) : [x, y];
    return [(X - c.originX) / c.resX, (c.originY - Y) / c.resY];
  };
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const k = (cy * nx + cx) * 4;
      if (sums[k + 3] === 0) continue;
      const mx = grid.originX + (x0 + cx + 0.5) * cell * grid.resX;
      const my = grid.originY - (y0 + cy + 0.5) * cell * grid.resY;
      const [fx, fy] = at(mx, my);
      // The cell's box in canvas pixels.
      let left = fx, right = fx, top = fy, bottom = fy;
      for (const [x, y] of [[mx - halfX, my - halfY], [mx + halfX, my - halfY], [mx - halfX, my + halfY], [mx + halfX, my + halfY]]) {
        const [px, py] = at(x, y);
        left = Math.min(left, px); right = Math.max(right, px); top = Math.min(top, py); bottom = Math.max(bottom, py);
      }
      let ax = Math.ceil(left - 0.5), bx = Math.floor(right - 0.5);
      let ay = Math.ceil(top - 0.5), by = Math.floor(bottom - 0.5);
      if (ax > bx) ax = bx = Math.floor(fx);
      if (ay > by) ay = by = Math.floor(fy);
      ax = Math.max(0, ax); ay = Math.max(0, ay); bx = Math.min(c.width - 1, bx); by = Math.min(c.height - 1, by);
      if (ax > bx || ay > by) continue;
      const w = 1 / ((bx - ax + 1) * (by - ay + 1));
      for (let py = ay; py <= by; py++) {
        for (let px = ax; px <= bx; px++) {
          const o = (py * c.width + px) * 4;
          for (let b = 0; b < 4; b++) canvas.acc[o + b] += sums[k + b] * w;
        }
      }
    }
  }
}

/** Whether any picture was painted. */
export function painted(canvas: OverviewCanvas): boolean {
  for (let o = 3; o < canvas.acc.length; o += 4) if (canvas.acc[o] > 0) return true;
  return false;
}

/**
 * The canvas as a PNG, OUTPUT_PX on its longer side, stretched like a chip, with the patches by
 * severity: outlines, or filled squares where a part is too small to see. Squares shrink as patches
 * crowd (about a quarter of the picture at most), and each colour is one path, so a province's
 * patches stay a few SVG elements. Geometries are parsed one at a time.
 */
export async function drawOverview(canvas: OverviewCanvas, patches: OverviewPatch[], caption: string[]): Promise<Buffer> {
  const { grid, acc } = canvas;
  const n = grid.width * grid.height;
  const bands = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const count = acc[i * 4 + 3];
    if (count <= 0) continue;
    valid[i] = 1;
    for (let b = 0; b < 3; b++) bands[b][i] = acc[i * 4 + b] / count;
  }
  const stack: BandStack = { width: grid.width, height: grid.height, bands, valid };
  const size = { minSize: OUTPUT_PX, maxSize: OUTPUT_PX };
  const { outW, outH } = chipSize(grid.width, grid.height, size);
  const sx = outW / grid.width;
  const sy = outH / grid.height;
  const marker = Math.max(2, Math.min(MARKER_PX, Math.round(Math.sqrt((0.25 * outW * outH) / Math.max(1, patches.length)))));
  const toCanvas = crsTransform(PATCH_CRS, grid.crs);
  /** Lon/lat to output pixels. */
  const toOutput = (lon: number, lat: number): [number, number] => {
    const [x, y] = toCanvas(lon, lat);
    return [((x - grid.originX) / grid.resX) * sx, ((grid.originY - y) / grid.resY) * sy];
  };
  const outlines = SEVERITY_COLOURS.map(() => [] as string[]);
  const markers = SEVERITY_COLOURS.map(() => [] as string[]);
  const rank = new Map(SEVERITY_COLOURS.map(([s], k) => [s, k]));
  const f = (v: number) => v.toFixed(1);
  for (const p of patches) {
    const k = rank.get(p.severity ?? UNJUDGED) ?? rank.get(UNJUDGED)!;
    const g = JSON.parse(p.geometry) as Polygon | MultiPolygon;
    const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    // Each part by its outer ring (holes are not drawn); a part's size is judged from its box's
    // corners first, so the many small ones of a large run cost a few transforms each.
    for (const poly of polys) {
      const outer = poly[0];
      let w = Infinity, so = Infinity, e = -Infinity, no = -Infinity;
      for (const [lon, lat] of outer) {
        w = Math.min(w, lon); e = Math.max(e, lon); so = Math.min(so, lat); no = Math.max(no, lat);
      }
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const [lon, lat] of [[w, so], [w, no], [e, so], [e, no]]) {
        const [x, y] = toOutput(lon, lat);
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
      if (Math.max(x1 - x0, y1 - y0) < MARKER_PX) {
        markers[k].push(`M${f((x0 + x1 - marker) / 2)},${f((y0 + y1 - marker) / 2)}h${marker}v${marker}h${-marker}z`);
      } else {
        const ring = outer.map(([lon, lat]) => toOutput(lon, lat));
        outlines[k].push(`M${thinned(ring, 1).map(([x, y]) => `${f(x)},${f(y)}`).join('L')}z`);
      }
    }
  }
  const layers: string[] = [svgOpen({ width: outW, height: outH })];
  for (const [k, [, colour]] of SEVERITY_COLOURS.entries()) {
    if (outlines[k].length > 0) {
      const d = outlines[k].join('');
      // A dark under-stroke keeps the outlines visible on bright and dark ground alike.
      layers.push(`<path d="${d}" fill="none" stroke="black" stroke-width="4" stroke-opacity="0.6" stroke-linejoin="round"/>`);
      layers.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"/>`);
    }
    if (markers[k].length > 0) layers.push(`<path d="${markers[k].join('')}" fill="${colour}"${marker >= 5 ? ' stroke="black" stroke-width="1"' : ''}/>`);
  }
  layers.push('</svg>');
  const judged = patches.every((p) => p.severity !== null);
  return renderChip(stack, [0, 1, 2], [], { ...size, caption: judged ? caption : [...caption, 'white: not judged yet'], pixelSizeM: pixelSizeM(grid), overlaySvg: layers.join('') });
}

/** The ring without vertices closer than `step` to the last one kept (a big patch's outline stays a few hundred points). */
function thinned(ring: [number, number][], step: number): [number, number][] {
  const out: [number, number][] = [ring[0]];
  for (let i = 1; i < ring.length - 1; i++) {
    const [x, y] = out[out.length - 1];
    if (Math.abs(ring[i][0] - x) >= step || Math.abs(ring[i][1] - y) >= step) out.push(ring[i]);
  }
  out.push(ring[ring.length - 1]);
  return out;
}

/**
 * Shapes exchanged between the vectoriser's steps (windowPieces → mergePieces → finalisePatch).
 * All plain data (numbers and arrays), so pieces can cross worker-thread and process boundaries as
 * JSON or structured clones.
 *
 * Pixel geometry frame: global pixel coordinates of the grid, integers, x = column, y = row (y grows
 * down); the vertex (x, y) is the top-left corner of pixel (x, y).
 */
import type { PatchStats, PixelWindow } from '../types.ts';

/**
 * One ring as its corner vertices only, flat [x0, y0, x1, y1, ...], not closed (the last vertex is
 * not repeated). Canonical: starts at its smallest (y, x) vertex. Orientation: the patch lies to the
 * left when walking the ring as drawn north-up, so shells run counter-clockwise and holes clockwise
 * on the map (RFC 7946); in pixel coordinates (y down) a shell's shoelace sum is therefore negative.
 * Every ring is simple (never touches itself); rings of one patch may touch each other at single
 * vertices (pixels meeting at a corner), which OGC allows.
 */
export type PixelRing = number[];

/** A polygon: [shell, ...holes], holes sorted by their first vertex (y, then x). */
export type PixelPolygon = PixelRing[];

/**
 * Runs of a polygon's pixels on the four edges of its window's core, each flat [from, to, from, to,
 * ...], half-open, in global pixel coordinates: rows for `left`/`right` (the core's first and last
 * column), columns for `top`/`bottom` (its first and last row).
 */
export interface CoreEdgeRuns {
  left: number[];
  right: number[];
  top: number[];
  bottom: number[];
}

/** One 4-connected part of a piece: its polygon and, if it reaches the core's edge, its edge runs. */
export interface PiecePolygon {
  rings: PixelPolygon;
  edges?: CoreEdgeRuns;
}

/**
 * An 8-connected component of one window's change mask, restricted to the window's core.
 * `featureBuckets[f]` holds exact partial sums of feature f, flat [exponent, sum, ...] keyed by the
 * float32 exponent of the summed values, so that pieces add up to bit-identical totals whatever the
 * window layout (see exact-feature-sums.ts).
 */
export interface PatchPiece {
  core: PixelWindow;
  stats: PatchStats;
  featureBuckets: number[][];
  /** Sorted by the shell's first vertex (y, then x). */
  polygons: PiecePolygon[];
}

/**
 * A whole patch after merging pieces across window borders; identical to what one window covering
 * the whole grid would give. `polygons` are its 4-connected parts (one polygon each), sorted by
 * shell first vertex; `bbox` is the pixel bounding box.
 */
export interface MergedPatch {
  stats: PatchStats;
  polygons: PixelPolygon[];
  bbox: PixelWindow;
  /** The patch's first pixel in row-major order (global column x, row y): a stable key. */
  anchor: { x: number; y: number };
}

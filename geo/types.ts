/**
 * Data shapes shared by the pure raster and geometry code. Everything here is plain data:
 * typed arrays and GeoJSON, no I/O.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** An EPSG code, e.g. 4526 (CGCS2000 3° Gauss-Krüger zone 38). */
export type Epsg = number;

/**
 * A north-up raster grid: pixel (col, row) has its top-left corner at
 * (originX + col * resX, originY - row * resY) in the CRS's map units (x = easting / longitude).
 */
export interface Grid {
  crs: Epsg;
  originX: number;
  originY: number;
  /** Pixel width in map units, > 0. */
  resX: number;
  /** Pixel height in map units, > 0 (rows go south). */
  resY: number;
  width: number;
  height: number;
}

/** A rectangle of pixels: columns [x, x + width), rows [y, y + height). */
export interface PixelWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A work window: `core` is the part whose results this window owns; `outer` is `core` grown by a
 * halo (clipped to the grid) so neighbourhood operations near the core's edge see real pixels.
 */
export interface HaloWindow {
  core: PixelWindow;
  outer: PixelWindow;
}

/** Which 0-based band index holds each spectral role; absent roles are unknown. */
export interface BandRoles {
  blue?: number;
  green?: number;
  red?: number;
  nir?: number;
}

/**
 * Pixels of one date over one window, band-sequential, as float32 in the file's sample units.
 * `valid[i]` is 0 where any band is nodata (or outside the image), 1 otherwise.
 */
export interface BandStack {
  width: number;
  height: number;
  bands: Float32Array[];
  valid: Uint8Array;
  /**
   * Every sample is an integer in (−2^16, 2^16) (≤ 16-bit integer data read as is), so box sums of
   * up to 256 samples are exact in float32 and the box mean need not check. Absent: unknown.
   */
  integer16?: boolean;
}

export type ChangeType =
  | 'vegetation_to_built'
  | 'vegetation_to_bare'
  | 'to_water'
  | 'built_to_bare'
  | 'other';

/** Properties every detected change patch carries (the `detect` output contract). */
export interface PatchProperties {
  /** Area in m² on the CGCS2000/GRS80 ellipsoid. */
  area_m2: number;
  pixel_count: number;
  /** Mean change magnitude over the patch's pixels (normalised CVA units). */
  mean_magnitude: number;
  ndvi_before: number | null;
  ndvi_after: number | null;
  change_type: ChangeType;
  /** In [0, 1]. */
  confidence: number;
}

export interface ChangePatch {
  /** Polygon in the grid's map coordinates (its CRS), valid, holes allowed. */
  geometry: Polygon | MultiPolygon;
  properties: PatchProperties;
}

export const CHANGE_TYPES: readonly ChangeType[] = [
  'vegetation_to_built',
  'vegetation_to_bare',
  'to_water',
  'built_to_bare',
  'other',
];

/**
 * Per-pixel detector output over a window's outer extent (same size as the window's BandStacks).
 * `features` are channels the detector defines (see geo/detect); the vectoriser only sums them per
 * patch, so it never needs to know what they mean.
 */
export interface ChangeRaster {
  width: number;
  height: number;
  /** 1 = changed pixel after clean-up, 0 otherwise. */
  mask: Uint8Array;
  /** Index into CHANGE_TYPES, per pixel (meaningful where mask = 1). */
  changeClass: Uint8Array;
  features: Float32Array[];
}

/** Additive statistics of one patch (or of a piece of one, before merging across windows). */
export interface PatchStats {
  pixelCount: number;
  /** Pixels per CHANGE_TYPES index. */
  typeCounts: number[];
  /** Sum over the patch's pixels of each ChangeRaster feature channel. */
  featureSums: number[];
}

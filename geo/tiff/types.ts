/** Shapes of the GeoTIFF reader: what a file is (TiffInfo) and how to read it (TiffReader). */
import type { BandStack, Grid, PixelWindow } from '../types.ts';

export type SampleType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export interface TiffInfo {
  /** Path or URL as given. */
  source: string;
  width: number;
  height: number;
  bandCount: number;
  sampleType: SampleType;
  /** TIFF compression code (1 none, 5 LZW, 8 DEFLATE, 32773 PackBits …). */
  compression: number;
  /** Human name of the compression, e.g. 'DEFLATE'. */
  compressionName: string;
  /** TIFF predictor: 1 none, 2 horizontal, 3 floating point. */
  predictor: number;
  /** 1 = pixel-interleaved, 2 = band-interleaved. */
  planar: 1 | 2;
  tiled: boolean;
  /** Tile size, or image width × rows per strip. */
  blockWidth: number;
  blockHeight: number;
  littleEndian: boolean;
  /** Pixel grid of the full-resolution image (PixelIsPoint files are shifted to area convention). */
  grid: Grid;
  /** GDAL_NODATA value, or null. */
  nodata: number | null;
  /** Per-band DESCRIPTION from GDAL_METADATA (or null). */
  bandDescriptions: (string | null)[];
  /** Per-band centre wavelength in micrometres from GDAL_METADATA (or parsed from the description), or null. */
  bandWavelengths: (number | null)[];
  /** Per-band COLORINTERP from GDAL_METADATA (e.g. 'Red'), or null. */
  bandColorInterp: (string | null)[];
}

export interface TiffReader {
  info: TiffInfo;
  /**
   * Reads a window in this image's pixel coordinates as float32 bands. The window may extend past
   * the image: pixels outside read as 0 with valid = 0.
   */
  readWindow(win: PixelWindow, signal?: AbortSignal): Promise<BandStack>;
  close(): Promise<void>;
}

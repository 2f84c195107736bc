/**
 * Parses a GeoTIFF's first image (the full-resolution one) with geotiff.js over our ByteSource:
 * layout, sample type, georeferencing, nodata, band metadata and the block offset/byte-count
 * tables. Everything that can be wrong with the file is detected here, before any pixels are read:
 * unsupported compression or sample format, missing georeferencing, unknown CRS and blocks that
 * lie beyond the end of the file.
 */
import { GeoTIFF, getDecoder } from 'geotiff';
import { crsFromGeoKeys } from '../crs/crs-from-geokeys.ts';
import { InputError } from '../errors.ts';
import { COMPRESSION_NAMES, DECOMPRESSORS } from './decode-block.ts';
import type { ByteSource } from './source.ts';
import type { SampleType, TiffInfo } from './types.ts';

export interface TiffHeader {
  info: TiffInfo;
  /** Byte offset and byte count of each tile/strip, in TIFF order (plane-major when planar = 2). */
  offsets: Float64Array;
  counts: Float64Array;
  /**
   * For compressions we do not decode ourselves (JPEG, code 7): geotiff.js's decoder, giving the
   * block's raw samples; the rest of the pipeline then treats the block as uncompressed.
   */
  decompressAsync?: (raw: Uint8Array) => Promise<Uint8Array>;
}

/** Compressions left to geotiff.js's (slower) decoders. */
const DELEGATED = new Set([7]);

const SAMPLE_TYPES: Record<string, SampleType> = {
  '1/8': 'uint8', '2/8': 'int8', '1/16': 'uint16', '2/16': 'int16', '1/32': 'uint32', '2/32': 'int32', '3/32': 'float32', '3/64': 'float64',
};

/** geotiff.js BaseSource duck type over a ByteSource (it only calls fetch, fileSize and close). */
function asGeotiffSource(src: ByteSource) {
  return {
    fileSize: src.size,
    async fetch(slices: { offset: number; length: number }[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
      return Promise.all(
        slices.map(async (s) => {
          const u8 = await src.read(s.offset, s.length, signal);
          return u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? (u8.buffer as ArrayBuffer) : (u8.slice().buffer as ArrayBuffer);
        }),
      );
    },
    async close() {},
  };
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Per-sample items of GDAL_METADATA (42112) named `name`; role-less and sample-less items skipped. */
function metadataItems(xml: string | undefined, name: string, bands: number): (string | null)[] {
  const out: (string | null)[] = new Array(bands).fill(null);
  if (!xml) return out;
  for (const m of xml.matchAll(/<Item\b([^>]*)>([^<]*)<\/Item>/g)) {
    if (attr(m[1], 'name') !== name) continue;
    const sample = attr(m[1], 'sample');
    if (sample === undefined) continue;
    const i = Number(sample);
    if (i >= 0 && i < bands) out[i] = m[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return out;
}

export async function readTiffHeader(src: ByteSource, signal?: AbortSignal): Promise<TiffHeader> {
  const file = src.name;
  const corrupt = (why: string, cause?: unknown) => new InputError('TIFF_CORRUPT', `${file}: not a readable TIFF (${why})`, { cause });
  let image;
  let fd;
  try {
    // geotiff.js's type for fromSource wants its BaseSource class; our object has the same shape.
    const tiff = await GeoTIFF.fromSource(asGeotiffSource(src) as never, undefined, signal);
    image = await tiff.getImage(0);
    fd = image.getFileDirectory();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw corrupt((err as Error).message, err);
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const bandCount = image.getSamplesPerPixel();
  if (!(width > 0 && height > 0 && bandCount > 0)) throw corrupt(`bad dimensions ${width}×${height}×${bandCount}`);

  const compression = Number(fd.getValue('Compression') ?? 1);
  const compressionName = COMPRESSION_NAMES[compression] ?? 'unknown';
  if (!DECOMPRESSORS[compression] && !DELEGATED.has(compression)) throw new InputError('TIFF_UNSUPPORTED', `${file}: compression ${compression} (${compressionName}) is not supported`);
  const bits = Array.from({ length: bandCount }, (_, i) => image.getBitsPerSample(i));
  const formats = Array.from({ length: bandCount }, (_, i) => image.getSampleFormat(i) ?? 1);
  const sampleType = SAMPLE_TYPES[`${formats[0]}/${bits[0]}`];
  if (!sampleType) throw new InputError('TIFF_UNSUPPORTED', `${file}: sample format ${formats[0]} with ${bits[0]} bits per sample is not supported`);
  if (bits.some((b) => b !== bits[0]) || formats.some((f) => f !== formats[0]))
    throw new InputError('TIFF_UNSUPPORTED', `${file}: bands with different sample types are not supported`);
  const predictor = Number((fd.hasTag('Predictor') ? await fd.loadValue('Predictor') : 1) ?? 1);
  if (predictor !== 1 && predictor !== 2 && predictor !== 3) throw new InputError('TIFF_UNSUPPORTED', `${file}: predictor ${predictor} is not supported`);
  if (predictor === 3 && !sampleType.startsWith('float')) throw new InputError('TIFF_UNSUPPORTED', `${file}: predictor 3 on integer samples is not supported`);
  if (predictor === 2 && bits[0] === 64) throw new InputError('TIFF_UNSUPPORTED', `${file}: predictor 2 on 64-bit samples is not supported`);

  const tiled = image.isTiled;
  const blockWidth = tiled ? image.getTileWidth() : width;
  const blockHeight = tiled ? image.getTileHeight() : Math.min(Number(fd.getValue('RowsPerStrip') ?? height), height);
  const planar = image.planarConfiguration;
  const nBlocks = Math.ceil(width / blockWidth) * Math.ceil(height / blockHeight) * (planar === 2 ? bandCount : 1);
  let offsets: Float64Array;
  let counts: Float64Array;
  try {
    offsets = Float64Array.from((await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number>, Number);
    counts = Float64Array.from((await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number>, Number);
  } catch (err) {
    throw corrupt(`block tables: ${(err as Error).message}`, err);
  }
  if (offsets.length < nBlocks || counts.length < nBlocks) throw corrupt(`${offsets.length} block offsets for ${nBlocks} blocks`);
  for (let i = 0; i < nBlocks; i++) {
    if (counts[i] > 0 && offsets[i] + counts[i] > src.size)
      throw new InputError('TIFF_CORRUPT', `${file}: truncated (block ${i} ends at byte ${offsets[i] + counts[i]}, file has ${src.size})`);
  }

  if (!fd.hasTag('ModelPixelScale') && !fd.hasTag('ModelTransformation'))
    throw new InputError('NO_GEOREFERENCE', `${file}: no georeferencing (no ModelPixelScale/ModelTransformation tag)`);
  const geoKeys = image.getGeoKeys();
  const crs = crsFromGeoKeys(geoKeys, file);
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (err) {
    throw new InputError('NO_GEOREFERENCE', `${file}: no usable georeferencing (${(err as Error).message})`, { cause: err });
  }
  if (fd.hasTag('ModelTransformation')) {
    const t = (await fd.loadValue('ModelTransformation')) as number[];
    if (t[1] !== 0 || t[4] !== 0) throw new InputError('TIFF_UNSUPPORTED', `${file}: rotated or sheared georeferencing is not supported`);
  }
  const resX = res[0];
  const resY = -res[1];
  if (!(resX > 0 && resY > 0)) throw new InputError('TIFF_UNSUPPORTED', `${file}: only north-up images are supported (pixel size ${res[0]}, ${res[1]})`);
  let originX = origin[0];
  let originY = origin[1];
  if (geoKeys?.GTRasterTypeGeoKey === 2) {
    // PixelIsPoint: the tie point is a pixel centre; shift to the corner as GDAL does.
    originX -= resX / 2;
    originY += resY / 2;
  }

  const nodata = image.getGDALNoData();
  const xml = fd.hasTag('GDAL_METADATA') ? String(await fd.loadValue('GDAL_METADATA')) : undefined;
  const bandDescriptions = metadataItems(xml, 'DESCRIPTION', bandCount);
  const wl = metadataItems(xml, 'wavelength', bandCount);
  const wlUnits = metadataItems(xml, 'wavelength_units', bandCount);
  const bandWavelengths = wl.map((w, i) => {
    if (w !== null && Number.isFinite(Number(w))) return /nano|nm/i.test(wlUnits[i] ?? '') ? Number(w) / 1000 : Number(w);
    const m = /(\d+(?:\.\d+)?)\s*(micrometers?|µm|um|nanometers?|nm)\b/i.exec(bandDescriptions[i] ?? '');
    return m ? (/^n/i.test(m[2]) ? Number(m[1]) / 1000 : Number(m[1])) : null;
  });
  const bandColorInterp = metadataItems(xml, 'COLORINTERP', bandCount);

  let decompressAsync: TiffHeader['decompressAsync'];
  if (DELEGATED.has(compression)) {
    const tables = fd.hasTag('JPEGTables') ? await fd.loadValue('JPEGTables') : undefined;
    const decoder = await getDecoder(compression, {
      tileWidth: blockWidth, tileHeight: blockHeight, predictor: 1, bitsPerSample: bits, planarConfiguration: planar,
      ...(tables ? { JPEGTables: Uint8Array.from(tables as ArrayLike<number>) } : {}),
    } as never);
    decompressAsync = async (raw) => new Uint8Array(await decoder.decode(raw.slice().buffer));
  }

  const info: TiffInfo = {
    source: file, width, height, bandCount, sampleType, compression, compressionName, predictor, planar, tiled,
    blockWidth, blockHeight, littleEndian: image.littleEndian,
    grid: { crs, originX, originY, resX, resY, width, height },
    nodata: nodata === null || Number.isNaN(nodata) && !/nan/i.test(String(fd.getValue('GDAL_NODATA'))) ? null : nodata,
    bandDescriptions, bandWavelengths, bandColorInterp,
  };
  return { info, offsets, counts, decompressAsync };
}

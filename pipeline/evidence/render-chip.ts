/**
 * Renders one evidence chip: three bands of a BandStack (true colour R,G,B or false colour NIR,R,G),
 * each stretched 2–98 % on the chip, upscaled to at least `minSize` px on the long side, with the
 * patch outline, a caption and a scale bar composited as SVG. Returns PNG bytes.
 */
import sharp from 'sharp';
import type { BandStack } from '../../geo/types.ts';
import { labelSvg, outlineSvg } from './chip-overlay-svg.ts';
import { encodePngRgb } from './encode-png.ts';
import { percentileRange, stretchRgbInto, type StretchRange } from './percentile-stretch.ts';

/** Pixels outside the image or nodata: a flat mid-dark grey, so they never pass for dark ground. */
const NODATA_GREY = 64;

export interface ChipOptions {
  /** Caption lines drawn top-left, e.g. ['前时相 2025-03-01', 'true colour']. */
  caption?: string[];
  /** Ground size of one input pixel in metres (for the scale bar). */
  pixelSizeM?: number;
  /** Smallest output size of the long side in px. Default 256. */
  minSize?: number;
  /** Largest output size of the long side in px (big windows are shrunk). Default 768. */
  maxSize?: number;
  /**
   * 'linked' (default): each band's low percentile is its own black point, but all three share one
   * gain (the widest band's 2–98 % range), so a uniform field does not turn magenta from noise
   * stretched band by band. 'per-band': the classic independent stretch.
   */
  stretch?: 'linked' | 'per-band';
  /** Stretch percentiles. Default [2, 98]. */
  percentiles?: [number, number];
  /** 'nearest' keeps pixels crisp (10 m data); 'bilinear' is smoother. Default: nearest for ≥ 3× upscaling, else bilinear. */
  kernel?: 'nearest' | 'bilinear';
  outlineColour?: string;
  /**
   * An overlay of the output's size drawn instead of the outline (see chipSize), e.g. many outlines
   * in one path per colour; not kept for reuse, unlike the outline.
   */
  overlaySvg?: string;
}

/** Percentile ranges per band array: the true- and false-colour chips of a window share red and green. */
const rangeCache = new WeakMap<Float32Array, Map<string, StretchRange>>();

function bandRange(stack: BandStack, b: number, loP: number, hiP: number): StretchRange {
  const band = stack.bands[b];
  const byPct = rangeCache.get(band) ?? new Map<string, StretchRange>();
  rangeCache.set(band, byPct);
  const key = `${loP},${hiP}`;
  let r = byPct.get(key);
  if (!r) byPct.set(key, (r = percentileRange(band, stack.valid, loP, hiP, stack.integer16)));
  return r;
}

/**
 * `bands` are indices into stack.bands for the output R, G, B; `outlinePx` rings are in the stack's
 * pixel coordinates (x right, y down, pixel corners at integers).
 */
export async function renderChip(stack: BandStack, bands: [number, number, number], outlinePx: [number, number][][], opts: ChipOptions = {}): Promise<Buffer> {
  const { width, height, valid } = stack;
  const [loP, hiP] = opts.percentiles ?? [2, 98];
  const rgb = Buffer.allocUnsafe(width * height * 3); // every byte is written by the stretch
  const ranges = bands.map((b) => bandRange(stack, b, loP, hiP)) as [StretchRange, StretchRange, StretchRange];
  const span = Math.max(...ranges.map((r) => r.hi - r.lo));
  const linked = ranges.map((r) => (opts.stretch === 'per-band' ? r : { lo: r.lo, hi: r.lo + span })) as typeof ranges;
  stretchRgbInto(bands.map((b) => stack.bands[b]) as [Float32Array, Float32Array, Float32Array], linked, valid, rgb, NODATA_GREY);
  const { k, outW, outH } = chipSize(width, height, opts);
  const kernel = opts.kernel ?? (k >= 3 ? 'nearest' : 'linear');
  const outline = opts.overlaySvg ?? outlineSvg({
    width: outW,
    height: outH,
    rings: outlinePx.map((r) => r.map(([x, y]) => [(x * outW) / width, (y * outH) / height] as [number, number])),
    outlineColour: opts.outlineColour,
  });
  const labels = labelSvg({ width: outW, height: outH, caption: opts.caption ?? [], metresPerPixel: opts.pixelSizeM === undefined ? undefined : (opts.pixelSizeM * width) / outW });
  const [upscaled, layers] = await Promise.all([
    outW === width && outH === height ? rgb : sharp(rgb, { raw: { width, height, channels: 3 } }).resize(outW, outH, { kernel: kernel === 'bilinear' ? 'linear' : kernel, fit: 'fill' }).raw().toBuffer(),
    Promise.all([opts.overlaySvg ? rasterised(outline) : rasterisedOutline(outline), rasterisedLabels(labels)]),
  ]);
  // Blended here rather than by sharp's composite, which takes longer than the PNG encoding.
  for (const layer of layers) blendOver(upscaled, layer);
  return encodePngRgb(upscaled, outW, outH);
}

/** The output size of a chip of `width` × `height` pixels: upscaled by k to at least minSize, at most maxSize, on its longer side. */
export function chipSize(width: number, height: number, opts: Pick<ChipOptions, 'minSize' | 'maxSize'> = {}): { k: number; outW: number; outH: number } {
  const minSize = opts.minSize ?? 256;
  const long = Math.max(width, height);
  const k = Math.min(Math.max(1, minSize / long), Math.max(minSize, opts.maxSize ?? 768) / long);
  return { k, outW: Math.round(width * k), outH: Math.round(height * k) };
}

/** A rasterised overlay layer: straight-alpha RGBA, and the indices of its drawn (alpha > 0) pixels. */
interface Layer {
  rgba: Buffer;
  drawn: Uint32Array;
}

/** Draws `layer` over RGB `rgb` of the same size, in place. */
function blendOver(rgb: Uint8Array, { rgba, drawn }: Layer): void {
  for (const p of drawn) {
    const i = p * 4;
    const o = p * 3;
    const a = rgba[i + 3];
    for (let c = 0; c < 3; c++) rgb[o + c] = (rgba[i + c] * a + rgb[o + c] * (255 - a) + 127) / 255;
  }
}

/**
 * Rasterised overlay SVGs by their text, the last `kept` of them. librsvg is the dearest step of a
 * chip, and layers repeat: a clue's four chips share its outline, and a run's chips a few label
 * layers.
 */
function rasterCache(kept: number): (svg: string) => Promise<Layer> {
  const rasters = new Map<string, Promise<Layer>>();
  return (svg) => {
    let r = rasters.get(svg);
    if (r) rasters.delete(svg); // re-inserted below as the newest
    else {
      r = rasterised(svg);
      r.catch(() => rasters.delete(svg));
    }
    rasters.set(svg, r);
    if (rasters.size > kept) rasters.delete(rasters.keys().next().value!);
    return r;
  };
}

function rasterised(svg: string): Promise<Layer> {
  return sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer().then(drawnLayer);
}

/** The word of an RGBA pixel with only its alpha byte set, whatever the platform's byte order. */
const ALPHA = new Uint32Array(new Uint8Array([0, 0, 0, 255]).buffer)[0];

function drawnLayer(rgba: Buffer): Layer {
  // A pixel at a time as one word: a quarter of the reads of a byte walk.
  const pixels = rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2) : new Uint32Array(Uint8Array.from(rgba).buffer);
  const all = new Uint32Array(pixels.length);
  let k = 0;
  for (let p = 0; p < pixels.length; p++) if ((pixels[p] & ALPHA) !== 0) all[k++] = p;
  return { rgba, drawn: all.slice(0, k) };
}

/**
 * Separate caches, so the outlines of a stream of clues (each used by one clue's chips, a few clues
 * in flight) do not push out the label layers that the run's chips of one size share.
 */
const rasterisedOutline = rasterCache(8);
const rasterisedLabels = rasterCache(16);

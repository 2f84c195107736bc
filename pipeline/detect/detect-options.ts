/** Options of change detection over a pair of images. Every field has its default here. */
export interface DetectOptions {
  /** Minimum patch area in m² (ellipsoidal); smaller patches are dropped. Default 200. */
  minAreaM2?: number;
  /** Core window size in pixels of the target grid. Default 1024. */
  windowSize?: number;
  /**
   * Band roles as `blue=1,green=2,red=3,nir=4` (1-based). Default: from band descriptions, else the
   * 4-band (B,G,R,NIR) / 3-band (R,G,B) convention.
   */
  bands?: string;
  /** Sample windows read to fit the scene model (normalisation and thresholds). Default 24. */
  sampleWindows?: number;
  /** Side of each sample window in pixels. Default 384. */
  sampleSize?: number;
}

export const DETECT_DEFAULTS = {
  minAreaM2: 200,
  windowSize: 1024,
  sampleWindows: 24,
  sampleSize: 384,
} as const;

export type ResolvedDetectOptions = Required<Omit<DetectOptions, 'bands'>> & Pick<DetectOptions, 'bands'>;

export function resolveDetectOptions(opts: DetectOptions = {}): ResolvedDetectOptions {
  return {
    minAreaM2: opts.minAreaM2 ?? DETECT_DEFAULTS.minAreaM2,
    windowSize: opts.windowSize ?? DETECT_DEFAULTS.windowSize,
    sampleWindows: opts.sampleWindows ?? DETECT_DEFAULTS.sampleWindows,
    sampleSize: opts.sampleSize ?? DETECT_DEFAULTS.sampleSize,
    bands: opts.bands,
  };
}

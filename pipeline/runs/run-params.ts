/**
 * What a run was asked to do. Stored as `runs.params` (JSON) when the run is created, so every
 * stage handler, on any worker, reads the same parameters from the database.
 */
import type { DetectOptions } from '../detect/detect-options.ts';

export interface RunParams {
  /** Earlier-date tiles (前时相), absolute paths. */
  before: string[];
  /** Later-date tiles (后时相), absolute paths. */
  after: string[];
  /** 6-digit county code (XZQDM) for clue numbers. Default: none ('000000' in JCBH). */
  region?: string;
  /** County name (XZQMC). Default: none. */
  regionName?: string;
  /** Earlier / later acquisition dates (QSX / HSX, ISO). Default: from the tile file names, if any. */
  qsx?: string;
  hsx?: string;
  /** Detection options (minimum area in m², window size, band roles …); defaults in DETECT_DEFAULTS. */
  detect: DetectOptions;
  /** Baseline layer files imported for this run, by kind (informational; layers are versioned). */
  layers?: Partial<Record<'landuse' | 'farmland' | 'approved', string>>;
  /** Output folder of the export, absolute. */
  outDir: string;
  /** Render evidence chips and pages (the evidence stage). Default: true; `run --no-evidence` sets false. */
  evidence?: boolean;
}

/**
 * The stages of a run, in order. `detect` is split into jobs of a few neighbouring units and
 * `evidence` into one job per batch of clues (then one finishing job).
 */
export const STAGE_NAMES = ['catalogue', 'pair', 'cut', 'detect', 'merge', 'overlay', 'clues', 'evidence', 'export'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Stages that run on queue workers; `export` runs where the run was started (it writes files). */
export const QUEUE_STAGES = ['catalogue', 'pair', 'cut', 'detect', 'merge', 'overlay', 'clues', 'evidence'] as const satisfies readonly StageName[];
export type QueueStage = (typeof QUEUE_STAGES)[number];

/** Job input of every run-level stage. */
export interface RunInput {
  runId: string;
}

/** Job input of a batch of neighbouring detection units (pipeline/detect/unit-batches.ts). */
export interface UnitBatchInput {
  runId: string;
  unitIds: string[];
}

/** Job input of one evidence batch: the run's clues with JCBH in [from, to]. */
export interface EvidenceBatchInput {
  runId: string;
  from: string;
  to: string;
}

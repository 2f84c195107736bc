/**
 * Evidence of clues: before/after chips in true colour (R,G,B) and, when the images have a
 * near-infrared band, false colour (NIR,R,G), each with the patch outline, the date and a scale bar,
 * plus a self-contained HTML page per clue under <outDir>/evidence/<JCBH>/.
 * Rendering (renderClueChips) stores the chips in the store as the clue's evidence references;
 * writing (writeEvidenceFiles) puts the chips and the pages on disk from the store. The evidence
 * stage renders on the queue workers and the export writes where the run was started;
 * renderEvidence does both, for `landwatch export --format evidence`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openTiff } from '../../geo/tiff/open-tiff.ts';
import { resolveBandRoles } from '../../geo/tiff/band-roles.ts';
import type { TiffReader } from '../../geo/tiff/types.ts';
import { pixelSizeM } from '../../geo/raster/pixel-size-m.ts';
import type { BandRoles } from '../../geo/types.ts';
import type { Db } from '../store/db.ts';
import { sql } from '../store/load-sql.ts';
import type { ClueRecord } from '../clues/clue-record.ts';
import { assertRunExists, loadClueRecords } from '../clues/load-clue-records.ts';
import { checkOutputDir } from '../io/check-output-path.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import type { Progress } from '../types.ts';
import { evidencePage, type PageChip } from './evidence-page.ts';
import { patchWindow } from './patch-window.ts';
import { recordEvidence, type StoredEvidence } from './record-evidence.ts';
import { renderChip } from './render-chip.ts';

export interface ChipOptions {
  /** Band roles as for detect, e.g. "blue=1,green=2,red=3,nir=4". Default: from the files. */
  bands?: string;
  /** Margin around the patch bbox on each side, as a fraction of its size. Default 0.75. */
  marginFrac?: number;
  /** Smallest ground extent of a chip in metres. Default 120. */
  minGroundM?: number;
  progress?: (p: Progress) => void;
}

export interface EvidenceOptions extends ChipOptions {
  outDir: string;
  beforePath: string;
  afterPath: string;
  /** Only these clues. Default: all of the run. */
  jcbhs?: string[];
}

export interface EvidenceResult {
  clues: number;
  files: number;
  /** Clues whose patch lies outside both images. */
  outside: string[];
  requeued: number;
}

/** Clues to render from one image pair. */
export interface PairClues {
  beforePath: string;
  afterPath: string;
  /**
   * The later date's misregistration the pair's detection corrected (SceneModel.shift): patches lie
   * where the change is in the earlier image, so on the later chips the outline is drawn this far
   * off, where the change shows in that image.
   */
  shift?: [number, number];
  records: ClueRecord[];
}

const LANDWATCH_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

interface Side {
  key: 'before' | 'after';
  /** Burned into the chip: ASCII only, since servers often lack CJK fonts and would draw boxes. */
  chipLabel: string;
  reader: TiffReader;
  roles: BandRoles;
}

interface Composite {
  kind: 'true' | 'false';
  bands: [number, number, number];
  chipLabel: string;
}

/** For the page (Chinese is fine in a browser). */
const SIDE_LABEL = { before: '前时相', after: '后时相' } as const;
const COMPOSITE_LABEL = { true: '真彩色 true colour', false: '假彩色 false colour' } as const;

function composites(roles: BandRoles): Composite[] {
  const out: Composite[] = [];
  const { red, green, blue, nir } = roles;
  if (red !== undefined && green !== undefined && blue !== undefined) out.push({ kind: 'true', bands: [red, green, blue], chipLabel: 'true colour (R,G,B)' });
  if (nir !== undefined && red !== undefined && green !== undefined) out.push({ kind: 'false', bands: [nir, red, green], chipLabel: 'false colour (NIR,R,G)' });
  return out;
}

/** The folder of a clue's evidence files. */
export function clueEvidenceDir(outDir: string, jcbh: string): string {
  return resolve(outDir, 'evidence', jcbh.replace(/[^\w.-]/g, '_'));
}

async function clueChips(r: ClueRecord, sides: Side[], opts: ChipOptions, shift?: [number, number]): Promise<{ kind: string; png: Buffer }[]> {
  const chips: { kind: string; png: Buffer }[] = [];
  for (const side of sides) {
    if (!r.geometry) break;
    const grid = side.reader.info.grid;
    const px = pixelSizeM(grid);
    const at = patchWindow(r.geometry, grid, { marginFrac: opts.marginFrac, minPx: Math.max(32, Math.round((opts.minGroundM ?? 120) / px)) });
    if (!at.overlaps) continue;
    const stack = await side.reader.readWindow(at.window);
    // The later image shows ground (x + sx, y + sy) of the earlier at its pixel (x, y).
    const rings = side.key === 'after' && shift ? at.rings.map((ring) => ring.map(([x, y]): [number, number] => [x - shift[0], y - shift[1]])) : at.rings;
    for (const c of composites(side.roles)) {
      const date = side.key === 'before' ? r.QSX : r.HSX;
      const png = await renderChip(stack, c.bands, rings, { caption: [side.chipLabel + (date ? ` ${date}` : ''), c.chipLabel], pixelSizeM: px });
      chips.push({ kind: `${side.key}_${c.kind}`, png });
    }
  }
  return chips;
}

const PAGES_IN_FLIGHT = 4;

/**
 * Renders the chips of `records` from their image pairs, with paths under `outDir`. Returns the
 * evidence to record (chips with their bytes, and the page, whose hash is that of its chips so an
 * unchanged re-render is not a change) and the clues no image covers.
 */
export async function renderClueChips(groups: PairClues[], outDir: string, opts: ChipOptions = {}): Promise<{ evidence: StoredEvidence[]; outside: string[] }> {
  const evidence: StoredEvidence[] = [];
  const outside: string[] = [];
  const total = groups.reduce((n, g) => n + g.records.length, 0);
  let done = 0;
  for (const g of groups) {
    const opened = await Promise.allSettled([openTiff(g.beforePath), openTiff(g.afterPath)]);
    const failed = opened.find((o) => o.status === 'rejected');
    if (failed) {
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.close() : undefined)));
      throw failed.reason;
    }
    const readers = opened.map((o) => (o as PromiseFulfilledResult<TiffReader>).value);
    try {
      const sides: Side[] = readers.map((reader, i) => ({
        key: i === 0 ? 'before' : 'after',
        chipLabel: i === 0 ? 'before QSX' : 'after HSX',
        reader,
        roles: resolveBandRoles(reader.info, opts.bands),
      }));
      // Several clues in flight: sharp resizes and rasterises overlays on libuv's thread pool while the next windows decode.
      let next = 0;
      const worker = async () => {
        while (next < g.records.length) {
          const r = g.records[next++];
          const dir = clueEvidenceDir(outDir, r.JCBH);
          const chips = await clueChips(r, sides, opts, g.shift);
          if (chips.length === 0) outside.push(r.JCBH);
          const refs = chips.map((c) => ({ jcbh: r.JCBH, kind: c.kind, path: join(dir, `${c.kind}.png`), media_type: 'image/png', sha256: sha256(c.png), content: c.png }));
          evidence.push(...refs, { jcbh: r.JCBH, kind: 'html', path: join(dir, 'index.html'), media_type: 'text/html', sha256: sha256(refs.map((x) => x.sha256).join(',')), content: null });
          done++;
          opts.progress?.({ done, total, label: `evidence ${done}/${total}` });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, g.records.length) }, worker));
    } finally {
      await Promise.all(readers.map((r) => r.close()));
    }
  }
  return { evidence, outside: outside.sort() };
}

/** The page's caption of a chip, from its kind (e.g. 'after_false'). */
function chipTitle(kind: string, r: ClueRecord): string {
  const [side, composite] = kind.split('_') as ['before' | 'after', 'true' | 'false'];
  return `${SIDE_LABEL[side]} ${(side === 'before' ? r.QSX : r.HSX) ?? ''} · ${COMPOSITE_LABEL[composite]}`;
}

const WRITE_CHUNK = 64;

/**
 * Writes the stored chips and the HTML page of each record to <outDir>/evidence/<JCBH>/; `pairs`
 * gives the images a clue was drawn from (named on its page). Returns how many files were written.
 */
export async function writeEvidenceFiles(db: Db, records: ClueRecord[], outDir: string, pairs: Map<string, { beforePath: string; afterPath: string }>): Promise<number> {
  let files = 0;
  const generatedAt = new Date().toISOString();
  const chunks: ClueRecord[][] = [];
  for (let i = 0; i < records.length; i += WRITE_CHUNK) chunks.push(records.slice(i, i + WRITE_CHUNK));
  const fetch = (chunk: ClueRecord[] | undefined) => {
    if (!chunk) return undefined;
    const q = db.query<{ jcbh: string; kind: string; base64: string }>(sql('evidence-chips'), [chunk.map((r) => r.JCBH)]);
    q.catch(() => undefined); // awaited below; handled here too in case a write fails first
    return q;
  };
  let next = fetch(chunks[0]);
  for (const [i, chunk] of chunks.entries()) {
    const rows = (await next!).rows;
    next = fetch(chunks[i + 1]); // the next chunk's chips arrive while this one is written
    for (const r of chunk) {
      const dir = clueEvidenceDir(outDir, r.JCBH);
      mkdirSync(dir, { recursive: true });
      const chips: PageChip[] = rows.filter((x) => x.jcbh === r.JCBH).map((x) => ({ kind: x.kind, title: chipTitle(x.kind, r), base64: x.base64 }));
      for (const c of chips) writeFileAtomicSync(join(dir, `${c.kind}.png`), Buffer.from(c.base64, 'base64'));
      // Pair chips by composite so before and after sit side by side.
      chips.sort((a, b) => a.kind.split('_')[1].localeCompare(b.kind.split('_')[1]) || (a.kind.startsWith('before') ? -1 : 1));
      const pair = pairs.get(r.JCBH);
      writeFileAtomicSync(join(dir, 'index.html'), evidencePage(r, chips, { landwatchVersion: LANDWATCH_VERSION, beforePath: pair?.beforePath ?? '', afterPath: pair?.afterPath ?? '', generatedAt }));
      files += chips.length + 1;
    }
  }
  return files;
}

/** Renders, records and writes the evidence of a run's clues from one image pair. */
export async function renderEvidence(db: Db, runId: string, opts: EvidenceOptions): Promise<EvidenceResult> {
  const root = checkOutputDir(opts.outDir, 'evidence');
  await assertRunExists(db, runId);
  const records = await loadClueRecords(db, { runId, jcbhs: opts.jcbhs });
  // The run's own co-registration of these images, when they are one of its pairs (paths as stored).
  const forms = (p: string) => [p, resolve(p)];
  const [pair] = (await db.query<{ shift: [number, number] | null }>(sql('evidence-pair-shift'), [runId, forms(opts.beforePath), forms(opts.afterPath)])).rows;
  const shift = pair?.shift ?? undefined;
  const { evidence, outside } = await renderClueChips([{ beforePath: opts.beforePath, afterPath: opts.afterPath, ...(shift ? { shift } : {}), records }], root, opts);
  const { requeued } = await recordEvidence(db, evidence);
  const recorded = await loadClueRecords(db, { runId, jcbhs: opts.jcbhs });
  const pairs = new Map(records.map((r) => [r.JCBH, { beforePath: opts.beforePath, afterPath: opts.afterPath }]));
  const files = await writeEvidenceFiles(db, recorded, root, pairs);
  return { clues: records.length, files, outside, requeued };
}

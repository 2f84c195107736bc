/**
 * Evidence for every clue of a run: before/after chips in true colour (R,G,B) and, when the images
 * have a near-infrared band, false colour (NIR,R,G), each with the patch outline, the date and a
 * scale bar; plus a self-contained HTML page. Files go to <outDir>/evidence/<JCBH>/ and are recorded
 * as the clue's evidence references.
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
import type { ClueRecord, EvidenceRef } from '../clues/clue-record.ts';
import { assertRunExists, loadClueRecords } from '../clues/load-clue-records.ts';
import { checkOutputDir } from '../io/check-output-path.ts';
import { writeFileAtomicSync } from '../io/write-file-atomic.ts';
import type { Progress } from '../types.ts';
import { evidencePage, type PageChip } from './evidence-page.ts';
import { patchWindow } from './patch-window.ts';
import { recordEvidence } from './record-evidence.ts';
import { renderChip } from './render-chip.ts';

export interface EvidenceOptions {
  outDir: string;
  beforePath: string;
  afterPath: string;
  /** Band roles as for detect, e.g. "blue=1,green=2,red=3,nir=4". Default: from the files. */
  bands?: string;
  /** Margin around the patch bbox on each side, as a fraction of its size. Default 0.75. */
  marginFrac?: number;
  /** Smallest ground extent of a chip in metres. Default 120. */
  minGroundM?: number;
  /** Only these clues. Default: all of the run. */
  jcbhs?: string[];
  progress?: (p: Progress) => void;
}

export interface EvidenceResult {
  clues: number;
  files: number;
  /** Clues whose patch lies outside both images. */
  outside: string[];
  requeued: number;
}

const LANDWATCH_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

interface Side {
  key: 'before' | 'after';
  /** For the page (Chinese is fine in a browser). */
  label: string;
  /** Burned into the chip: ASCII only, since servers often lack CJK fonts and would draw boxes. */
  chipLabel: string;
  reader: TiffReader;
  roles: BandRoles;
  path: string;
}

interface Composite {
  kind: 'true' | 'false';
  bands: [number, number, number];
  label: string;
  chipLabel: string;
}

function composites(roles: BandRoles): Composite[] {
  const out: Composite[] = [];
  const { red, green, blue, nir } = roles;
  if (red !== undefined && green !== undefined && blue !== undefined) {
    out.push({ kind: 'true', bands: [red, green, blue], label: '真彩色 true colour', chipLabel: 'true colour (R,G,B)' });
  }
  if (nir !== undefined && red !== undefined && green !== undefined) {
    out.push({ kind: 'false', bands: [nir, red, green], label: '假彩色 false colour', chipLabel: 'false colour (NIR,R,G)' });
  }
  return out;
}

async function cluePage(r: ClueRecord, sides: Side[], opts: EvidenceOptions, dir: string): Promise<{ refs: EvidenceRef[]; outside: boolean }> {
  const chips: PageChip[] = [];
  const refs: EvidenceRef[] = [];
  let anyOverlap = false;
  for (const side of sides) {
    if (!r.geometry) break;
    const grid = side.reader.info.grid;
    const px = pixelSizeM(grid);
    const at = patchWindow(r.geometry, grid, { marginFrac: opts.marginFrac, minPx: Math.max(32, Math.round((opts.minGroundM ?? 120) / px)) });
    if (!at.overlaps) continue;
    anyOverlap = true;
    const stack = await side.reader.readWindow(at.window);
    for (const c of composites(side.roles)) {
      const date = side.key === 'before' ? r.QSX : r.HSX;
      const png = await renderChip(stack, c.bands, at.rings, { caption: [side.chipLabel + (date ? ` ${date}` : ''), c.chipLabel], pixelSizeM: px });
      const kind = `${side.key}_${c.kind}`;
      const path = join(dir, `${kind}.png`);
      writeFileAtomicSync(path, png);
      chips.push({ kind, title: `${side.label} ${date ?? ''} · ${c.label}`, png });
      refs.push({ kind, path, media_type: 'image/png', sha256: sha256(png) });
    }
  }
  // Pair chips by composite so before and after sit side by side.
  chips.sort((a, b) => a.kind.split('_')[1].localeCompare(b.kind.split('_')[1]) || (a.kind.startsWith('before') ? -1 : 1));
  const html = evidencePage(r, chips, {
    landwatchVersion: LANDWATCH_VERSION,
    beforePath: opts.beforePath,
    afterPath: opts.afterPath,
    generatedAt: new Date().toISOString(),
  });
  const htmlPath = join(dir, 'index.html');
  writeFileAtomicSync(htmlPath, html);
  // The page embeds its generation time; hash the chips only, so an unchanged re-render is not a change.
  refs.push({ kind: 'html', path: htmlPath, media_type: 'text/html', sha256: sha256(refs.map((x) => x.sha256).join(',')) });
  return { refs, outside: !anyOverlap };
}

const PAGES_IN_FLIGHT = 4;

export async function renderEvidence(db: Db, runId: string, opts: EvidenceOptions): Promise<EvidenceResult> {
  const root = checkOutputDir(opts.outDir, 'evidence');
  await assertRunExists(db, runId);
  const readers = await Promise.all([openTiff(opts.beforePath), openTiff(opts.afterPath)]);
  try {
    const sides: Side[] = readers.map((reader, i) => ({
      key: i === 0 ? 'before' : 'after',
      label: i === 0 ? '前时相' : '后时相',
      chipLabel: i === 0 ? 'before QSX' : 'after HSX',
      reader,
      roles: resolveBandRoles(reader.info, opts.bands),
      path: i === 0 ? opts.beforePath : opts.afterPath,
    }));
    const records = await loadClueRecords(db, { runId, jcbhs: opts.jcbhs });
    const result: EvidenceResult = { clues: records.length, files: 0, outside: [], requeued: 0 };
    // Several clues in flight: sharp encodes on libuv's thread pool while the next windows decode.
    const pages: { refs: EvidenceRef[]; outside: boolean }[] = new Array(records.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < records.length) {
        const i = next++;
        const r = records[i];
        const dir = resolve(root, 'evidence', r.JCBH.replace(/[^\w.-]/g, '_'));
        mkdirSync(dir, { recursive: true });
        pages[i] = await cluePage(r, sides, opts, dir);
        done++;
        opts.progress?.({ done, total: records.length, label: `evidence ${done}/${records.length}` });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, records.length) }, worker));
    const all: (EvidenceRef & { jcbh: string })[] = [];
    records.forEach((r, i) => {
      if (pages[i].outside) result.outside.push(r.JCBH);
      result.files += pages[i].refs.length;
      all.push(...pages[i].refs.map((x) => ({ ...x, jcbh: r.JCBH })));
    });
    result.requeued = (await recordEvidence(db, all)).requeued;
    return result;
  } finally {
    await Promise.all(readers.map((r) => r.close()));
  }
}

/**
 * The module a detection thread starts from. Through tsx's loader (unit-worker.mjs) a thread loads
 * its forty-odd TypeScript modules one resolve-and-transform round trip at a time, with a loader
 * thread of its own: two threads took ≈ 0.95 CPU-s and 0.7 s to start, on the cores the scene-model
 * fit needs meanwhile. Bundled into one ES module (esbuild; packages stay imports, resolved from the
 * project's node_modules) they start in ≈ 0.25 CPU-s and 0.2 s. The bundle is built on first use into
 * node_modules/.cache/landwatch/ and again whenever one of its sources changed (size or mtime), so
 * it never runs stale code; where it cannot be built or written, threads start through tsx.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VIA_TSX = new URL('./unit-worker.mjs', import.meta.url);

let entry: URL | undefined;

/** Where detection threads start: the bundle, built or rebuilt as needed, else the tsx entry. */
export function unitWorkerEntry(): URL {
  // Named for the checkout too: checkouts may share one node_modules (a linked worktree).
  const out = join(ROOT, `node_modules/.cache/landwatch/unit-worker-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.mjs`);
  return (entry ??= bundledModule(ROOT, 'workers/threads/unit-worker-main.ts', out, ['tsconfig.json', 'workers/threads/unit-worker-entry.ts']) ?? VIA_TSX);
}

/** A bundle's first line: its sources (paths relative to the root) with their size and mtime then. */
const STAMP_PREFIX = '// sources: ';
/** A source modified this close to a build's start may have changed during it: not stamped. */
const MTIME_MARGIN_MS = 2000;

type Stamp = Array<[path: string, size: number, mtimeMs: number]>;

/**
 * `source` (relative to `root`) and what it imports bundled into the ES module `out`, which is
 * rebuilt when a source, or one of `alsoStamped` (relative to `root`), is not as it was at the last
 * build. Null when it cannot be built or written, or a source changed while it was built.
 */
export function bundledModule(root: string, source: string, out: string, alsoStamped: string[] = []): URL | null {
  try {
    return fresh(root, out) || build(root, source, out, alsoStamped) ? pathToFileURL(out) : null;
  } catch {
    return null;
  }
}

function fresh(root: string, out: string): boolean {
  let stamp: Stamp;
  try {
    const text = readFileSync(out, 'utf8');
    if (!text.startsWith(STAMP_PREFIX)) return false;
    stamp = JSON.parse(text.slice(STAMP_PREFIX.length, text.indexOf('\n'))) as Stamp;
  } catch {
    return false;
  }
  return stamp.length > 0 && stamp.every(([path, size, mtimeMs]) => {
    const s = statSync(join(root, path), { throwIfNoEntry: false });
    return s !== undefined && s.size === size && s.mtimeMs === mtimeMs;
  });
}

function build(root: string, source: string, out: string, alsoStamped: string[]): boolean {
  const started = Date.now();
  const r = buildSync({ entryPoints: [source], absWorkingDir: root, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', metafile: true, write: false, logLevel: 'silent' });
  const stamp: Stamp = [...Object.keys(r.metafile.inputs), ...alsoStamped].map((path) => {
    const s = statSync(join(root, path));
    return [path, s.size, s.mtimeMs];
  });
  if (stamp.some(([, , mtimeMs]) => mtimeMs >= started - MTIME_MARGIN_MS)) return false;
  mkdirSync(dirname(out), { recursive: true });
  // The stamp travels in the file, so bundle and stamp are replaced together; other processes may
  // build at the same time, each writing its own file and renaming it into place.
  const tmp = `${out}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${STAMP_PREFIX}${JSON.stringify(stamp)}\n${r.outputFiles[0].text}`);
  renameSync(tmp, out);
  return true;
}

/**
 * The module a detection thread starts from. Through tsx's loader (unit-worker.mjs) a thread loads
 * its forty-odd TypeScript modules one resolve-and-transform round trip at a time, with a loader
 * thread of its own: two threads took ≈ 0.95 CPU-s and 0.7 s to start, on the cores the scene-model
 * fit needs meanwhile. Bundled into one ES module (esbuild; packages stay imports, resolved from the
 * project's node_modules) they start in ≈ 0.25 CPU-s and 0.2 s.
 *
 * Bundles are built on first use into node_modules/.cache/landwatch/, named for the content of what
 * they were built from (sources, compiler settings, esbuild's version), and never rewritten: a
 * process starts threads from the bundle of the sources as they are now, built if there is none,
 * whatever other processes build meanwhile. Where it cannot be built or written, threads start
 * through tsx.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VIA_TSX = new URL('./unit-worker.mjs', import.meta.url);

/** Where detection threads start: the bundle of the sources as they are now, else the tsx entry. */
export function unitWorkerEntry(): URL {
  // Named for the checkout too: checkouts may share one node_modules (a linked worktree).
  const cache = join(ROOT, 'node_modules/.cache/landwatch', `unit-worker-${sha256(ROOT).slice(0, 12)}`);
  return bundledModule(ROOT, 'workers/threads/unit-worker-main.ts', cache, ['tsconfig.json', 'package.json', 'workers/threads/unit-worker-entry.ts']) ?? VIA_TSX;
}

/** What a bundle was built from: paths relative to the root, with the SHA-256 of their content. */
type Sources = Array<[path: string, sha256: string | null]>;

/**
 * `source` (relative to `root`) and what it imports bundled into an ES module in the folder `cache`
 * (which must lie where the packages it imports resolve), or null when it cannot be built or
 * written. `alsoHashed` (relative to `root`) name the bundle too.
 */
export function bundledModule(root: string, source: string, cache: string, alsoHashed: string[] = []): URL | null {
  try {
    const index = join(cache, 'index.json');
    const last = readJson<{ sources: Sources; file: string }>(index);
    if (last && last.sources.every(([path, hash]) => hashOf(join(root, path)) === hash) && exists(join(cache, last.file))) return pathToFileURL(join(cache, last.file));
    const built = build(root, source, alsoHashed);
    if (!built) return null;
    const file = `${built.name}.mjs`;
    mkdirSync(cache, { recursive: true });
    if (!exists(join(cache, file))) writeAtomic(join(cache, file), built.code);
    writeAtomic(index, JSON.stringify({ sources: built.sources, file }));
    prune(cache, file);
    return pathToFileURL(join(cache, file));
  } catch {
    return null;
  }
}

/**
 * Bundles `source` and hashes what it was built from (the metafile's inputs, then `alsoHashed`);
 * null when one of them was modified since just before the build (it may have changed while esbuild
 * read it, so the hashes might not be of the code compiled).
 */
function build(root: string, source: string, alsoHashed: string[]): { name: string; code: string; sources: Sources } | null {
  const { buildSync, stop, version } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const started = Date.now();
  let r;
  try {
    r = buildSync({ entryPoints: [source], absWorkingDir: root, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', metafile: true, write: false, logLevel: 'silent' });
  } finally {
    // Else esbuild's worker thread and service process stay for the life of the process (≈ 30 MB).
    // (Not ESBUILD_WORKER_THREADS=0: tsx has loaded esbuild already, and its worker then never serves.)
    void stop();
  }
  const paths = [...Object.keys(r.metafile.inputs), ...alsoHashed];
  if (paths.some((path) => statSync(join(root, path)).mtimeMs >= started - MTIME_MARGIN_MS)) return null;
  const sources: Sources = paths.map((path) => [path, hashOf(join(root, path))]);
  const code = r.outputFiles[0].text;
  return { name: sha256(JSON.stringify([version, sources, sha256(code)])).slice(0, 16), code, sources };
}

/** Margin for file-system clocks coarser than the build (FAT: 2 s). */
const MTIME_MARGIN_MS = 2000;

/** Bundles of this cache not used for an hour go (another process may be starting from a newer one). */
function prune(cache: string, keep: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const f of readdirSync(cache)) {
    if (f === keep || !f.endsWith('.mjs')) continue;
    const p = join(cache, f);
    if (statSync(p).mtimeMs < hourAgo) rmSync(p, { force: true });
  }
}

function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const hashOf = (path: string): string | null => (exists(path) ? sha256(readFileSync(path)) : null);
const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Keeps the architecture's arrows pointing one way (geo ← pipeline ← workers): fails on an import
 * cycle or on an import a folder may not make. Run by `pretest`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const folders = ['geo', 'pipeline', 'workers', 'fixtures', 'scripts'];

/** Packages and folders each top-level folder must not import. */
const forbidden: Record<string, RegExp[]> = {
  geo: [/^pg$/, /^ioredis$/, /^bullmq$/, /^@electric-sql\//, /^sharp$/, /^node:child_process$/, /^(\.\.\/)+(pipeline|workers)\//],
  pipeline: [/^ioredis$/, /^bullmq$/, /^(\.\.\/)+workers\//],
};
/** geo/ is pure except the byte sources, which are its only doors to files and sockets. */
const geoIoAllowed = /^geo\/tiff\/source-[\w-]+\.ts$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = folders.flatMap((f) => {
  try {
    return walk(join(root, f));
  } catch {
    return [];
  }
});
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems: string[] = [];
const graph = new Map<string, string[]>();

for (const file of files) {
  const rel = relative(root, file);
  const top = rel.split('/')[0];
  // Tests and their support files may talk to services.
  const isTest = /\.test\.ts$|(^|\/)test-(support|helpers)\.ts$/.test(rel);
  const text = readFileSync(file, 'utf8');
  const edges: string[] = [];
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (!spec) continue;
    const rules = forbidden[top] ?? [];
    if (!isTest && rules.some((r) => r.test(spec))) problems.push(`${rel}: must not import '${spec}'`);
    if (top === 'geo' && !isTest && /^node:(fs|net|http|https|fs\/promises)$/.test(spec) && !geoIoAllowed.test(rel)) {
      problems.push(`${rel}: geo/ is pure; only geo/tiff/source-*.ts may import '${spec}'`);
    }
    if (spec.startsWith('.')) edges.push(relative(root, resolve(dirname(file), spec)));
  }
  graph.set(rel, edges);
}

// Cycle search: iterative DFS with colours.
const colour = new Map<string, 1 | 2>();
function visit(node: string, stack: string[]): void {
  colour.set(node, 1);
  for (const next of graph.get(node) ?? []) {
    if (colour.get(next) === 1) {
      const cycle = [...stack.slice(stack.indexOf(next)), next];
      problems.push(`import cycle: ${cycle.join(' -> ')}`);
    } else if (!colour.has(next) && graph.has(next)) {
      visit(next, [...stack, next]);
    }
  }
  colour.set(node, 2);
}
for (const node of graph.keys()) if (!colour.has(node)) visit(node, [node]);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`check-deps: ${files.length} files, no cycles, no forbidden imports`);

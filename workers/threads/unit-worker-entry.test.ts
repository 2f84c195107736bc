import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledModule, unitWorkerEntry } from './unit-worker-entry.ts';

const root = mkdtempSync(join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes a source file with its mtime `ageS` seconds in the past. */
function source(path: string, text: string, ageS: number): void {
  const p = join(root, path);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  const t = Date.now() / 1000 - ageS;
  utimesSync(p, t, t);
}

let imports = 0;
const valueOf = async (url: URL): Promise<unknown> => ((await import(`${url.href}?${imports++}`)) as { value: unknown }).value;

describe('bundledModule', () => {
  const out = join(root, 'cache/entry.mjs');

  it('bundles a module with its imports, and rebuilds it only when a source changed', async () => {
    source('src/entry.ts', "import { n } from './part.ts';\nexport const value: number = n * 2;\n", 60);
    source('src/part.ts', 'export const n = 21;\n', 60);
    const url = bundledModule(root, 'src/entry.ts', out);
    expect(url?.pathname).toBe(out);
    expect(await valueOf(url!)).toBe(42);
    const built = statSync(out).mtimeMs;
    expect(bundledModule(root, 'src/entry.ts', out)).toEqual(url);
    expect(statSync(out).mtimeMs).toBe(built);
    source('src/part.ts', 'export const n = 50;\n', 30);
    expect(await valueOf(bundledModule(root, 'src/entry.ts', out)!)).toBe(100);
  });

  it('gives no bundle when a source changed just before the build (it may have changed during it), nor when the source does not build', () => {
    source('src/part.ts', 'export const n = 7;\n', 0);
    expect(bundledModule(root, 'src/entry.ts', out)).toBeNull();
    source('src/part.ts', 'export const n = 7;\n', 30);
    expect(bundledModule(root, 'src/entry.ts', out)).not.toBeNull();
    source('src/broken.ts', 'export const value = ;\n', 60);
    expect(bundledModule(root, 'src/broken.ts', join(root, 'cache/broken.mjs'))).toBeNull();
  });

  it('is where detection threads start in this checkout', () => {
    expect(unitWorkerEntry().pathname).toMatch(/node_modules\/\.cache\/landwatch\/unit-worker-[0-9a-f]{12}\.mjs$/);
  });
});

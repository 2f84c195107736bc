/**
 * `npm run demo`: the whole pipeline on the bundled sample scene (fixtures/sample) with the embedded
 * defaults: PGlite store, in-process executor. Imports the sample layers, runs, exports, and prints
 * where the outputs are.
 *   npx tsx scripts/demo.ts [--out DIR] [--data-dir DIR]
 * Default out: ./out/demo; default store: LANDWATCH_DATA_DIR, else ~/.landwatch/pgdata.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { oneLine } from '../pipeline/errors.ts';
import { importLayer } from '../pipeline/layers/import-layer.ts';
import { createRun } from '../pipeline/runs/create-run.ts';
import { openStore } from '../pipeline/store/open-store.ts';
import { describeResult, executeRun } from '../workers/executor-run.ts';
import { resolveStoreOptions } from '../workers/cli/store-options.ts';

const SAMPLE = fileURLToPath(new URL('../fixtures/sample/', import.meta.url));

interface SceneJson {
  XZQDM?: string;
  XZQMC?: string;
  QSX?: string;
  HSX?: string;
  files?: Record<string, string>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const outDir = resolve(values.out ?? 'out/demo');
  const scene = JSON.parse(readFileSync(join(SAMPLE, 'scene.json'), 'utf8')) as SceneJson;
  const file = (key: string, fallback: string) => join(SAMPLE, scene.files?.[key] ?? fallback);
  const before = file('before', 'before.tif');
  const after = file('after', 'after.tif');
  for (const f of [before, after]) if (!existsSync(f)) throw new Error(`${f} is missing: the sample scene is incomplete`);

  // The embedded defaults, whatever the shell exports: no DATABASE_URL, no REDIS_URL.
  const storeOptions = resolveStoreOptions({ dataDir: values['data-dir'] }, { ...process.env, DATABASE_URL: undefined });
  process.stderr.write(`demo: opening the embedded store in ${storeOptions.dataDir} (the first start takes ~20 s)\n`);
  const store = await openStore(storeOptions);
  try {
    for (const kind of ['landuse', 'farmland', 'approved'] as const) {
      const f = file(kind, `${kind}.geojson`);
      if (!existsSync(f)) continue;
      const r = await importLayer(store, { kind, file: f });
      process.stderr.write(`demo: imported ${kind} v${r.version}: ${r.imported} features\n`);
    }
    const runId = await createRun(store, {
      before: [before],
      after: [after],
      region: scene.XZQDM,
      regionName: scene.XZQMC,
      qsx: scene.QSX,
      hsx: scene.HSX,
      detect: {},
      outDir,
    });
    process.stderr.write(`demo: run ${runId}\n`);
    const result = await executeRun(store, runId, { redisUrl: '' });
    for (const line of describeResult(result)) process.stdout.write(`${line}\n`);
    if (result.status.run.status !== 'finished') process.exitCode = 1;
    else process.stdout.write(`status: landwatch status ${runId} --data-dir ${storeOptions.dataDir}\n`);
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  process.stderr.write(`demo: ${oneLine(err)}\n`);
  if (process.env.LANDWATCH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{geo,pipeline,workers,fixtures,scripts}/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite instances cost ~1 GB each: keep at most two test files alive at once.
    maxWorkers: 2,
    fileParallelism: true,
    // `npm test` runs workers/bullmq/faults.slow.test.ts on its own after the rest: it restarts the
    // shared Redis, which wiped the queues of whichever queue test ran beside it (one timed out).
  },
});

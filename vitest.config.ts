import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every test file gets its own data folder, never the user's (test/support/data-env.ts).
    setupFiles: ['test/support/isolate-data.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Serial ptys and Chromium are real processes: keep parallelism modest on 2 cores.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});

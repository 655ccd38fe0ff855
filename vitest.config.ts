import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@tradesense/source'] },
  ssr: { resolve: { conditions: ['@tradesense/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most suites spend their time waiting (databases, child processes, sockets), not computing:
    // four files at a time keep both cores of the reference machine busy.
    maxWorkers: 4,
    // A worker keeps the modules it loaded from one test file to the next: loading
    // the platform's sources again for each of the 180 files was most of the run's
    // CPU time. Suites therefore share no state but what they create and close
    // themselves (each builds its own container, database and clock).
    isolate: false,
    // Every fast-check property of a run shares one fixed seed (FC_SEED).
    setupFiles: ['./tools/fast-check-seed.ts'],
    // Suites' in-memory databases start from one migrated dump made here.
    globalSetup: ['./tools/pglite-template-setup.ts'],
    // In CI every test name is printed, so the log shows each database suite
    // running once per driver ("[pglite]" and "[postgres]").
    reporters: [process.env.CI ? 'verbose' : 'default', './tools/summary-reporter.ts'],
  },
});

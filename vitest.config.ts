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
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PostgreSQL tests share one server; two workers keep the 2-core machine busy without thrashing.
    maxWorkers: 2,
  },
});

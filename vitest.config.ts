import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Embedded PostgreSQL instances are memory-hungry: keep the number of test workers small.
    maxWorkers: 2,
  },
});

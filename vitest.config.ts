import { defineConfig } from 'vitest/config';

// Unit and fixture tests. The corpus checks live in test/corpus/ and run under
// vitest.corpus.config.ts (they need ../shared, which a fresh clone does not have).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', 'node_modules/**'],
    pool: 'threads',
    testTimeout: 20_000,
  },
});

import { defineConfig } from 'vitest/config';

// The corpus checks (test/corpus/): they read ../shared/corpus, which CI has and a fresh clone
// does not; without it they skip with a message.
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
  },
});

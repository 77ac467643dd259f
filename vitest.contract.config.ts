import { defineConfig } from 'vitest/config';

// The generated contract suites (generated/contract/, written by `npm run generate`): the generated
// clients against the generated MSW handlers, or, with CONTRACT_TARGET=http://host:port (a StackQL
// middleware) or postgres://host:port (stackql srv), against a real endpoint (reads only unless
// CONTRACT_ALLOW_MUTATIONS=1). The drift reporter writes
// contract-drift.json and contract-drift.md (CONTRACT_REPORT=path overrides) and prints a summary.
export default defineConfig({
  test: {
    include: ['generated/contract/**/*.test.ts'],
    reporters: ['default', './mocks/contract/reporter.ts'],
    pool: 'threads',
    // Each suite makes its own msw handlers and engine and resets it before every test: the files of a
    // worker can share the runtime's modules, which keeps hundreds of suites quick.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

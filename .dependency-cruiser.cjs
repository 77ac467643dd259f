/**
 * The layering, checked on every `npm test` (npm run lint:deps): dependencies point one way.
 *
 *   core (generator/core)           the StackQL grammar, the model types and their rules: a leaf
 *   client runtime (generator/runtime)  core at most; no msw, vitest or sql.js (it ships to browsers);
 *                                   pg only through pg-transport.ts's dynamic import
 *   reading (read, parse, extract, model)  core
 *   emit (generator/emit)           core, client runtime, the model's reading side for types
 *   mocks                           core, client runtime, the generator's public entry (read-model.ts)
 *   generator/cli (the command)     anything shipped: the one place in generator/ that reaches mocks/
 *   anything shipped                never test/ or bench/
 */
const SHIPPED = '^(generator|mocks)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-a-leaf',
      comment: 'generator/core imports nothing else of the project: generator/ and mocks/ build on it.',
      severity: 'error',
      from: { path: '^generator/core/' },
      to: { path: '^(generator/(?!core/)|mocks/|test/|bench/)' },
    },
    {
      name: 'client-runtime-imports-core-only',
      comment: 'The client runtime is copied into users\' apps and bundled for browsers.',
      severity: 'error',
      from: { path: '^generator/runtime/' },
      to: { path: '^(generator/(?!core/|runtime/)|mocks/|test/|bench/)' },
    },
    {
      name: 'client-runtime-no-heavy-packages',
      severity: 'error',
      from: { path: '^generator/runtime/' },
      to: { path: 'node_modules/(msw|vitest|sql\\.js|@vitest)/' },
    },
    {
      name: 'client-runtime-pg-only-dynamically',
      comment: 'pg is an optional peer dependency: pg-transport.ts loads it with a dynamic import on first use, never statically.',
      severity: 'error',
      from: { path: '^generator/runtime/' },
      to: { path: 'node_modules/(pg|pg-protocol|pg-pool|@types/pg)/' },
    },
    {
      name: 'reading-does-not-know-emitting',
      comment: 'Reading the docs ends at the model: it never sees emitters, runtimes or mocks.',
      severity: 'error',
      from: { path: '^generator/(read|parse|extract|model)/' },
      to: { path: '^(generator/(emit|runtime|templates)/|mocks/)' },
    },
    {
      name: 'emit-does-not-import-mocks',
      comment: 'Emitters read the model and the core; the mock runtime is copied, never imported.',
      severity: 'error',
      from: { path: '^generator/emit/' },
      to: { path: '^mocks/' },
    },
    {
      name: 'only-the-command-reaches-mocks',
      comment: 'The generator never needs the mock runtime; the stackql-docgen command (generator/cli/) composes both.',
      severity: 'error',
      from: { path: '^generator/(?!cli/)' },
      to: { path: '^mocks/' },
    },
    {
      name: 'the-waiting-launcher-loads-little',
      comment:
        "`stackql-docgen mock` and `npm run mock` wait for the server they relaunch (mocks/server/young-generation.ts) on the server's CPU: anything their entries load statically stays in that process, and V8 compacts it once it is idle (40-60 ms pauses with the program loaded). The rest loads by dynamic import, in the process that serves.",
      severity: 'error',
      from: { path: '^(generator/cli/bin|mocks/server/cli|mocks/server/young-generation)\\.ts$' },
      to: { dependencyTypesNot: ['core'], pathNot: '^mocks/server/young-generation\\.ts$', dynamic: false },
    },
    {
      name: 'mocks-use-the-public-entry',
      comment: 'The mocks reach the generator through its core, the client runtime and read-model.ts.',
      severity: 'error',
      from: { path: '^mocks/' },
      to: { path: '^generator/(?!core/|runtime/|read-model\\.ts$)' },
    },
    {
      name: 'shipped-never-imports-tests',
      severity: 'error',
      from: { path: SHIPPED },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};

// vitest-deps.ts lists the output's bundled runtime, its clients' descriptors and its row validators
// (plain JavaScript) for vitest's server.deps.external, and the
// generated contract config uses it: vitest then imports the runtime as node does instead of
// transforming each module in its main process (~70 MB and ~0.6 s per run on one google service).
// A transformed module's functions read their imports through vitest's `__vite_ssr_import_` objects;
// an imported-as-is module's source is the bundle's own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/emit/index.ts';
import { docsModel, removeDir, runContracts, scratchDir, writeOutput, type ContractRun } from './helpers.ts';

const PROBE = `import { expect, test } from 'vitest';
import { createStackqlHandlers } from '../mock-runtime/msw/index.js';
import { createEngine } from '../mocks/example/compute/index.js';

// A function of this (transformed) file that reads an import: what transformed code looks like.
const transformed = () => expect;

test('the runtime bundles are imported as they are, the generated TypeScript transformed', () => {
  expect(String(transformed)).toMatch(/_ssr_import_\\d/);
  expect(String(createStackqlHandlers)).toMatch(/\\bhttp\\.post\\(/);
  expect(String(createStackqlHandlers)).not.toMatch(/_ssr_import_\\d/);
  expect(typeof createEngine()).toBe('object');
});
`;

describe('vitest-deps.ts: the runtime vitest imports untransformed', () => {
  let dir: string;
  let run: ContractRun;

  beforeAll(async () => {
    dir = scratchDir('externals');
    writeOutput(dir, docsModel());
    writeFileSync(join(dir, 'contract', 'runtime-loading.test.ts'), PROBE);
    run = await runContracts(dir, { files: ['contract/runtime-loading.test.ts'] });
  }, 320_000);
  afterAll(() => removeDir(dir));

  it('matches every bundled runtime module, client descriptor and validator of its folder, and nothing else', async () => {
    const { runtimeModules } = (await import(join(dir, 'vitest-deps.ts'))) as { runtimeModules: RegExp[] };
    const external = (path: string) => runtimeModules.some((r) => r.test(path));
    const files = emitAll(docsModel()).map((f) => f.path);
    const bundles = files.filter((p) => p.endsWith('.js'));
    expect(bundles.length).toBeGreaterThan(7);
    expect(bundles).toContain('validators/example/compute/instances.js');
    expect(bundles).toContain('clients/example/compute/instances.js');
    for (const p of bundles) expect(external(join(dir, p)), p).toBe(true);
    expect(external(`${join(dir, 'mock-runtime/msw/index.js')}?v=1`)).toBe(true);
    for (const p of files.filter((f) => !f.endsWith('.js'))) expect(external(join(dir, p)), p).toBe(false);
    // Only this folder's: not the same names elsewhere, nor a folder whose name starts the same.
    expect(external(join(dir, 'contract', 'core', 'x.js'))).toBe(false);
    expect(external(join(dir, 'clients', 'example', 'compute', 'index.ts'))).toBe(false);
    expect(external(`${dir}-other/core/x.js`)).toBe(false);
    expect(external('/elsewhere/mock-runtime/msw/index.js')).toBe(false);
  });

  it('lists the client descriptors and validators only when the runtime comes from the package (vitest leaves node_modules untransformed already)', async () => {
    const pkg = scratchDir('externals-package');
    try {
      const files = emitAll(docsModel(), { runtime: 'package' });
      const deps = files.find((f) => f.path === 'vitest-deps.ts')!;
      writeFileSync(join(pkg, 'vitest-deps.ts'), deps.content);
      const { runtimeModules } = (await import(join(pkg, 'vitest-deps.ts'))) as { runtimeModules: RegExp[] };
      const external = (path: string) => runtimeModules.some((r) => r.test(path));
      const js = files.map((f) => f.path).filter((p) => p.endsWith('.js'));
      expect(js.length).toBeGreaterThan(1);
      for (const p of js) expect(external(join(pkg, p)), p).toBe(p.startsWith('validators/') || p.startsWith('clients/'));
      expect(external(join(pkg, 'mock-runtime/msw/index.js'))).toBe(false);
    } finally {
      removeDir(pkg);
    }
  });

  it('is what the generated contract config gives vitest: the bundles run as they are', () => {
    expect(run.tests.map((t) => t.status), run.output.slice(-3000)).toEqual(['passed']);
    expect(run.code).toBe(0);
  });
});

// The generated contract config runs the suites of a worker without isolation (isolate: false: one
// module graph, the runtime loaded once) in worker processes with V8 flags of their own. That is
// only correct while no suite leaves state behind for the next: every suite makes its own msw
// handlers over a new engine (reached without patching the global fetch) and resets the engine
// before each test. Here four of the docs/ folder's suites (two services, two resources each, one a
// view of the other's base) run all in one worker, then each file in a fresh one (--isolate); every
// test must pass or fail the same way and make the same calls with the same answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsModel, removeDir, runContracts, scratchDir, writeOutput, type ContractRun } from './helpers.ts';

const outcomes = (run: ContractRun) =>
  Object.fromEntries(run.tests.map((t) => [t.fullName, { status: t.status, calls: (t.meta?.contractCalls ?? []).map((c) => `${c.status} ${c.rows} ${c.statement}`) }]));

describe('contract suites sharing one worker (isolate: false)', () => {
  let dir: string;
  let shared: ContractRun;
  let isolated: ContractRun;

  beforeAll(async () => {
    dir = scratchDir('isolation');
    writeOutput(dir, docsModel());
    const files = ['contract/example/compute/', 'contract/example/storage/'];
    shared = await runContracts(dir, { files, args: ['--maxWorkers=1'], timeoutMs: 600_000 });
    isolated = await runContracts(dir, { files, args: ['--maxWorkers=1', '--isolate'], timeoutMs: 600_000 });
  }, 1_300_000);
  afterAll(() => removeDir(dir));

  it('is what the generated config asks for: no isolation, a worker process per core, a tighter heap growth (--optimize-for-size only when asked for), transforms kept on disk', () => {
    const config = readFileSync(join(dir, 'contract', 'vitest.config.ts'), 'utf8');
    expect(config).toMatch(/\bisolate: false,/);
    expect(config).toMatch(/\bpool: 'forks',/);
    expect(config).toMatch(/\bmaxWorkers: availableParallelism\(\),/);
    expect(config).toMatch(/\bexecArgv: \[process\.env\['STACKQL_DOCGEN_CONTRACT_LOW_MEMORY'\] \? '--optimize-for-size' : '--heap-growing-percent=50'\],/);
    // Transformed modules kept on disk between runs, beside vite's cache (never inside the output folder).
    expect(config).toMatch(/\bexperimental: \{ fsModuleCache: true, fsModuleCachePath: join\(nodeModules, '\.cache', 'stackql-docgen-vitest'\) \},/);
  });

  it('leaves no state from one suite to the next: the same outcomes and calls as each file alone', () => {
    expect(shared.tests.length, shared.output.slice(-2000)).toBeGreaterThanOrEqual(40);
    expect(isolated.tests.length, isolated.output.slice(-2000)).toBe(shared.tests.length);
    expect(new Set(shared.tests.map((t) => t.fullName.split(' ')[1])).size).toEqual(4);
    expect(outcomes(shared)).toEqual(outcomes(isolated));
    expect([shared.code, isolated.code]).toEqual([0, 0]);
  });
});

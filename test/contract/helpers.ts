/**
 * Shared by the contract tests: the docs/ model, an output folder with everything the contract
 * suites need (clients, MSW handlers, the mock runtime, the suites), tsc over it, and the suites
 * run by vitest in a child process (JSON results and the drift report back).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { emitAll } from '../../generator/emit/index.ts';
import { emitHandlers } from '../../generator/emit/handlers.ts';
import type { Model } from '../../generator/core/model.ts';
import type { DriftReport } from '../../mocks/contract/drift.ts';

export { ROOT, docsModel } from '../helpers/model.ts';
import { ROOT } from '../helpers/model.ts';

/** A scratch folder inside the project (git-ignored .cache/), so emitted files resolve its node_modules. */
export function scratchDir(prefix: string): string {
  const base = join(ROOT, '.cache', 'contract-tests');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The output folder of `generate` for this model: clients, handlers, the mock runtime and the
 * contract suites. `mockModel` (default: the model) is what the MSW handlers serve: a different one
 * makes a mock that disagrees with the docs. The suites derive what they check from the model the
 * harness reads through the mocks entry (`resource`): with a `mockModel`, the harness reads the
 * docs' model from a second entry (docs-model/), so that only the mock is broken.
 */
export function writeOutput(dir: string, model: Model, options: { mockModel?: Model } = {}): void {
  const files = emitAll(model, options);
  if (options.mockModel) {
    files.push(...emitHandlers(model).map((f) => ({ ...f, path: f.path.replace(/^mocks\//, 'docs-model/') })));
    const harness = files.find((f) => f.path === 'contract/harness.ts')!;
    const mocks = "mocks: () => import('../mocks/handlers.js')";
    if (!harness.content.includes(mocks)) throw new Error('contract/harness.ts no longer loads the mocks as the broken-mock tests expect');
    harness.content = harness.content.replace(
      mocks,
      "mocks: async () => ({ ...(await import('../mocks/handlers.js')), resource: (await import('../docs-model/handlers.js')).resource })",
    );
  }
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  const compilerOptions = {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
    verbatimModuleSyntax: true, lib: ['ES2022', 'DOM'], types: ['node'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: ['node_modules'] }, null, 2)}\n`);
}

/** tsc over the folder: one entry per error, its indented elaboration lines joined on (`\n`). */
export function typecheck(dir: string): string[] {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir, '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const errors: string[] = [];
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    if (/error TS\d+/.test(line)) errors.push(line);
    else if (/^\s+\S/.test(line) && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
  }
  return errors;
}

export interface AssertionResult {
  title: string;
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | string;
  failureMessages: string[];
  meta?: { drift?: unknown[]; contractCalls?: Array<{ statement: string; status: number; rows: number }> };
}

export interface ContractRun {
  code: number | null;
  output: string;
  tests: AssertionResult[];
  /** The drift report (CONTRACT_REPORT), when the reporter wrote it. */
  report?: DriftReport;
  markdown?: string;
}

/**
 * Runs the folder's contract suites (vitest in a child process, asynchronously so that a server in
 * this process can answer them). `files`: filters passed to vitest; `env`: CONTRACT_* settings;
 * `args`: more vitest options (e.g. --isolate); `timeoutMs`: the run's limit (300 s).
 */
export function runContracts(dir: string, options: { files?: string[]; env?: Record<string, string>; args?: string[]; timeoutMs?: number } = {}): Promise<ContractRun> {
  const results = join(dir, `results-${process.pid}-${Date.now()}.json`);
  const report = join(dir, `drift-${process.pid}-${Date.now()}.json`);
  const args = [
    join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run',
    '--config', join(dir, 'contract', 'vitest.config.ts'),
    '--reporter=default', '--reporter=json', `--outputFile.json=${results}`,
    '--reporter', join(dir, 'contract-runtime', 'reporter.ts'),
    ...(options.args ?? []),
    ...(options.files ?? []),
  ];
  const env: Record<string, string> = { ...(process.env as Record<string, string>), CONTRACT_TARGET: '', CONTRACT_REPORT: report, ...options.env };
  // The parent vitest's own variables must not leak into the child run.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'TEST' || name === 'NODE_ENV') delete env[name];
  return new Promise((resolvePromise) => {
    execFile(process.execPath, args, { cwd: dir, env, maxBuffer: 1 << 26, timeout: options.timeoutMs ?? 300_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      const tests: AssertionResult[] = existsSync(results)
        ? (JSON.parse(readFileSync(results, 'utf8')) as { testResults: Array<{ assertionResults: AssertionResult[] }> }).testResults.flatMap((f) => f.assertionResults)
        : [];
      const run: ContractRun = { code: typeof code === 'number' ? code : 1, output: `${stdout}${stderr}`, tests };
      if (existsSync(report)) {
        run.report = JSON.parse(readFileSync(report, 'utf8')) as DriftReport;
        run.markdown = readFileSync(report.replace(/\.json$/, '.md'), 'utf8');
      }
      resolvePromise(run);
    });
  });
}

/** A deep copy of a model, to break a mock without touching the docs' model. */
export function cloneModel(model: Model): Model {
  return JSON.parse(JSON.stringify(model)) as Model;
}

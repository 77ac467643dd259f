/**
 * The contract suites of a fixed sample of corpus resources, generated and run as CI does:
 *
 *   npx tsx test/contract/run-corpus-sample.ts [--corpus ../shared/corpus] [--size 300]
 *                                               [--out .cache/contract-sample] [--no-typecheck]
 *
 *  1. reads both corpus folders (registry-docs, google-microsite) into models, as `generate` does
 *     (readModel, with generate's content-hash cache, so a warm run is quick);
 *  2. picks the sample (test/contract/corpus-sample.ts: round-robin over corpus/provider groups);
 *  3. emits clients, MSW handlers, the mock runtime and the contract suites of the sample into
 *     --out (inside the project, so the emitted files resolve vitest, msw and sql.js from its
 *     node_modules like a user's app would from its own);
 *  4. type-checks that folder with tsc (the suites' `@ts-expect-error` lines are the compile-time
 *     half of the contract), then runs its contract suites with vitest (child process, JSON
 *     reporter), and prints pass counts overall and per group; the drift report of the run is
 *     written to <out>/contract-drift.json and .md.
 *
 * Exit code 0 when everything type-checks and every failing contract test failed only for drift
 * listed in test/contract/known-drift.ts (and every listed entry still shows up); 1 otherwise; 2
 * when the corpus is missing. This file is a tool of this repository: it is not copied into generated folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitAll } from '../../generator/emit/index.ts';
import { layout } from '../../generator/emit/layout.ts';
import { MODEL_VERSION, type Model, type Resource } from '../../generator/core/model.ts';
import { modelOf, readModel } from '../../generator/read-model.ts';
import { DEFAULT_SAMPLE_SIZE, pickContractSample } from './corpus-sample.ts';
import { KNOWN_DRIFT, type KnownDrift } from './known-drift.ts';
import type { DriftReport } from '../../mocks/contract/drift.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const CORPORA = ['registry-docs', 'google-microsite'];

interface Options {
  corpus: string;
  size: number;
  out: string;
  typecheck: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { corpus: join(ROOT, '..', 'shared', 'corpus'), size: DEFAULT_SAMPLE_SIZE, out: join(ROOT, '.cache', 'contract-sample'), typecheck: true };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const value = () => {
      const v = argv[++k];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--corpus') options.corpus = resolve(value());
    else if (arg === '--size') options.size = Number.parseInt(value(), 10);
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--no-typecheck') options.typecheck = false;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** One corpus folder → its model, as `generate` reads it (same content-hash cache). */
export async function corpusModel(docs: string): Promise<Model> {
  return modelOf(await readModel(docs, { relativeTo: ROOT }));
}

/** The sample's model: the picked resources of every corpus, sorted by id. */
export function sampleModel(models: Array<{ corpus: string; model: Model }>, size: number): { model: Model; groups: Map<string, string> } {
  const candidates = models.flatMap(({ corpus, model }) => model.resources.map((resource) => ({ id: resource.id, provider: resource.provider, group: corpus, resource })));
  const picked = pickContractSample({ resources: candidates }, { size });
  const resources: Resource[] = picked.map((c) => c.resource).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups = new Map(picked.map((c) => [c.id, `${c.group}/${c.provider}`]));
  const model: Model = {
    version: MODEL_VERSION,
    resources,
    diagnostics: [],
    summary: {
      pages: resources.length,
      resources: resources.length,
      skipped: {},
      methods: resources.reduce((n, r) => n + r.methods.length, 0),
      examples: resources.reduce((n, r) => n + r.examples.length, 0),
    },
  };
  return { model, groups };
}

function writeFolder(out: string, model: Model): number {
  rmSync(out, { recursive: true, force: true });
  const files = emitAll(model);
  for (const f of files) {
    const path = join(out, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  writeFileSync(join(out, 'model.json'), JSON.stringify(model));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  const compilerOptions = {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
    verbatimModuleSyntax: true, lib: ['ES2022', 'DOM'], types: ['node'],
  };
  writeFileSync(join(out, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: ['node_modules'] }, null, 2)}\n`);
  return files.length;
}

interface JsonResults {
  testResults: Array<{ name: string; status: string; message?: string; assertionResults: Array<{ status: string; fullName: string; failureMessages?: string[] }> }>;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const options = parseArgs(argv);
  const present = CORPORA.filter((c) => existsSync(join(options.corpus, c)));
  if (present.length === 0) {
    console.error(`no corpus under ${options.corpus} (expected ${CORPORA.join(', ')})`);
    return 2;
  }
  let started = performance.now();
  const models: Array<{ corpus: string; model: Model }> = [];
  for (const corpus of present) models.push({ corpus, model: await corpusModel(join(options.corpus, corpus)) });
  const { model, groups } = sampleModel(models, options.size);
  const groupNames = [...new Set(groups.values())].sort();
  console.log(`sample: ${model.resources.length} resources of ${groupNames.length} corpus/provider groups (${models.map((m) => `${m.corpus}: ${m.model.resources.length}`).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const count = writeFolder(options.out, model);
  console.log(`emitted ${count} files to ${relative(process.cwd(), options.out) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  let ok = true;
  if (options.typecheck) {
    started = performance.now();
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', options.out, '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const errors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
    console.log(`tsc: ${errors.length} error(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const line of errors.slice(0, 20)) console.log(`  ${line}`);
    if (errors.length > 0 || tsc.status !== 0) ok = false;
  }

  started = performance.now();
  const jsonFile = join(options.out, 'vitest-results.json');
  const vitest = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run',
      '--config', join(options.out, 'contract', 'vitest.config.ts'),
      '--reporter=dot', '--reporter=json', `--outputFile.json=${jsonFile}`,
      '--reporter', join(options.out, 'contract-runtime', 'reporter.ts'),
    ],
    { cwd: options.out, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CONTRACT_TARGET: '', CONTRACT_REPORT: join(options.out, 'contract-drift.json') } },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!existsSync(jsonFile)) {
    console.log(`${vitest.stdout}\n${vitest.stderr}`);
    console.error(`vitest wrote no results (exit ${vitest.status})`);
    return 1;
  }
  const results = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonResults;
  const byGroup = new Map<string, { files: number; filesPassed: number; passed: number; failed: number; skipped: number }>();
  const totals = { files: 0, filesPassed: 0, passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  const idOfFile = new Map([...layout(model.resources).paths].map(([id, path]) => [resolve(options.out, 'contract', `${path}.test.ts`), id]));
  for (const file of results.testResults) {
    const group = groups.get(idOfFile.get(resolve(file.name)) ?? '') ?? '(unknown)';
    const g = byGroup.get(group) ?? { files: 0, filesPassed: 0, passed: 0, failed: 0, skipped: 0 };
    byGroup.set(group, g);
    g.files++;
    totals.files++;
    let fileOk = file.status === 'passed';
    for (const a of file.assertionResults) {
      const state = a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped';
      g[state]++;
      totals[state]++;
      if (state === 'failed') {
        fileOk = false;
        failures.push(`${a.fullName}\n    ${(a.failureMessages?.[0] ?? '').split('\n').slice(0, 4).join('\n    ')}`);
      }
    }
    if (file.assertionResults.length === 0 && file.message) failures.push(`${relative(options.out, file.name)}: ${file.message.split('\n')[0]}`);
    if (fileOk) {
      g.filesPassed++;
      totals.filesPassed++;
    }
  }
  console.log(`vitest: ${totals.filesPassed}/${totals.files} resources pass every contract test; tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${seconds} s)`);
  console.log('per group (resources passing/sampled, tests passed/failed/skipped):');
  for (const name of groupNames) {
    const g = byGroup.get(name);
    if (g) console.log(`  ${name.padEnd(40)} ${`${g.filesPassed}/${g.files}`.padStart(7)}   ${g.passed}/${g.failed}/${g.skipped}`);
  }

  // Failing tests are fine only when all they found is listed in test/contract/known-drift.ts.
  const driftFile = join(options.out, 'contract-drift.json');
  if (!existsSync(driftFile)) {
    console.error(`the drift reporter wrote no ${driftFile}`);
    return 1;
  }
  const verdict = checkKnownDrift(JSON.parse(readFileSync(driftFile, 'utf8')) as DriftReport, KNOWN_DRIFT);
  console.log(`drift: ${verdict.known} finding(s) listed in test/contract/known-drift.ts; ${verdict.unexpected.length} not listed; ${verdict.stale.length} listed but gone; ${verdict.otherFailures.length} failure(s) without drift`);
  for (const line of verdict.unexpected.slice(0, 30)) console.log(`  NEW   ${line}`);
  for (const line of verdict.stale) console.log(`  GONE  ${line} (remove it from test/contract/known-drift.ts)`);
  for (const line of verdict.otherFailures.slice(0, 30)) console.log(`  FAIL  ${line}`);
  if (verdict.unexpected.length > 0 || verdict.otherFailures.length > 0) {
    console.log(`details: ${relative(process.cwd(), join(options.out, 'contract-drift.md'))}, ${relative(process.cwd(), jsonFile)}`);
    for (const f of failures.slice(0, 10)) console.log(`FAIL ${f}`);
  }
  if (!verdict.ok) ok = false;
  return ok ? 0 : 1;
}

export interface KnownDriftVerdict {
  ok: boolean;
  /** Findings the list expects. */
  known: number;
  /** `resource: kind field` of findings the list does not have. */
  unexpected: string[];
  /** Listed `resource: kind field` that no test found. */
  stale: string[];
  otherFailures: string[];
}

/** The run's drift against the known list: exact both ways, and no failure without drift. */
export function checkKnownDrift(report: DriftReport, known: readonly KnownDrift[]): KnownDriftVerdict {
  const key = (resource: string, kind: string, name: string) => `${resource}: ${kind} ${name}`;
  const listed = new Set(known.flatMap((k) => k.entries.map(([resource, name]) => key(resource, k.kind, name))));
  const found = new Set<string>();
  let count = 0;
  const unexpected = new Set<string>();
  for (const e of report.entries) {
    const k = key(e.resource, e.kind, e.field ?? e.param ?? '');
    found.add(k);
    if (listed.has(k)) count++;
    else unexpected.add(`${k}: ${e.message}`);
  }
  const stale = [...listed].filter((k) => !found.has(k)).sort();
  const otherFailures = report.otherFailures.map((f) => `${f.test}: ${f.message}`);
  return { ok: unexpected.size === 0 && stale.length === 0 && otherFailures.length === 0, known: count, unexpected: [...unexpected].sort(), stale, otherFailures };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

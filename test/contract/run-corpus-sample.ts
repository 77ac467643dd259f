/**
 * The contract suites of corpus resources, generated and run as a user would run theirs:
 *
 *   npm run test:contract:corpus                       # the fixed sample CI runs (300 resources)
 *   npm run test:contract:corpus -- --all              # every resource, one shard per corpus folder and provider
 *   npm run test:contract:corpus -- --all --only google-microsite/google registry-docs-2023
 *   options: --corpus ../shared/corpus  --size 300  --out .cache/contract-corpus  --no-typecheck
 *
 * Per shard (the sample is one shard): emit clients, MSW handlers, validators, runtimes and
 * contract suites into --out/<shard> (inside the project, so the emitted files resolve vitest, msw
 * and sql.js from its node_modules like a user's app would from its own), type-check the folder
 * (the suites' `Refuses<Methods, {...}>` tables are the compile-time half of the contract), run its suites
 * with vitest in a child process (so one shard's memory is gone before the next), and count.
 *
 * Every failing test fails the run: there is no list of expected failures. What the docs make
 * impossible to test (a method the client cannot call, an example that does not parse) is a skipped
 * test carrying its reason, counted by reason. Exit 0 when everything type-checks and no test
 * fails; 1 otherwise; 2 when the corpus is missing. A tool of this repository, not copied anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { emitAll } from '../../generator/emit/index.ts';
import { MODEL_VERSION, type Model, type Resource } from '../../generator/core/model.ts';
import { modelOf, readModel } from '../../generator/read-model.ts';
import { DEFAULT_SAMPLE_SIZE, pickContractSample } from './corpus-sample.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The corpus folders, each read as one docs folder. */
export const CORPORA = ['registry-docs', 'google-microsite', 'awscc-provider', 'azure-provider', 'registry-docs-2023'];

interface Options {
  corpus: string;
  size: number;
  out: string;
  typecheck: boolean;
  all: boolean;
  only?: string[];
}

function parseArgs(argv: string[]): Options {
  const program = new Command()
    .name('test:contract:corpus')
    .description('Generate and run the contract suites of corpus resources against the generated mocks.')
    .option('--corpus <dir>', 'the corpus folder', join(ROOT, '..', 'shared', 'corpus'))
    .option('--size <n>', 'resources in the sample', (v) => Number.parseInt(v, 10), DEFAULT_SAMPLE_SIZE)
    .option('--all', 'every resource, one shard per corpus folder and provider')
    .option('--only <shard...>', 'with --all: only these shards (corpus/provider, or a whole corpus folder)')
    .option('--out <dir>', 'where the shards are written', join(ROOT, '.cache', 'contract-corpus'))
    .option('--no-typecheck', 'skip tsc over the emitted folders')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const o = program.opts<{ corpus: string; size: number; out: string; typecheck: boolean; all?: boolean; only?: string[] }>();
  if (!Number.isInteger(o.size) || o.size < 0) throw new Error(`--size must be a whole number, got ${o.size}`);
  return { corpus: resolve(o.corpus), size: o.size, out: resolve(o.out), typecheck: o.typecheck, all: o.all === true, only: o.only };
}

/** One corpus folder → its model, as `generate` reads it (same content-hash cache). */
export async function corpusModel(docs: string): Promise<Model> {
  return modelOf(await readModel(docs, { relativeTo: ROOT }));
}

function modelOfResources(resources: Resource[]): Model {
  const sorted = [...resources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    version: MODEL_VERSION,
    resources: sorted,
    diagnostics: [],
    summary: {
      pages: sorted.length,
      resources: sorted.length,
      skipped: {},
      methods: sorted.reduce((n, r) => n + r.methods.length, 0),
      examples: sorted.reduce((n, r) => n + r.examples.length, 0),
    },
  };
}

/** The sample's model: the picked resources of every corpus, sorted by id, and each one's group. */
export function sampleModel(models: Array<{ corpus: string; model: Model }>, size: number): { model: Model; groups: Map<string, string> } {
  const candidates = models.flatMap(({ corpus, model }) => model.resources.map((resource) => ({ id: resource.id, provider: resource.provider, group: corpus, resource })));
  const picked = pickContractSample({ resources: candidates }, { size });
  return { model: modelOfResources(picked.map((c) => c.resource)), groups: new Map(picked.map((c) => [c.id, `${c.group}/${c.provider}`])) };
}

/** Every resource, one shard per corpus folder and provider. */
export function shardModels(models: Array<{ corpus: string; model: Model }>): Array<{ name: string; model: Model }> {
  const shards = new Map<string, Resource[]>();
  for (const { corpus, model } of models) {
    for (const r of model.resources) {
      const name = `${corpus}/${r.provider}`;
      const list = shards.get(name);
      if (list) list.push(r);
      else shards.set(name, [r]);
    }
  }
  return [...shards.keys()].sort().map((name) => ({ name, model: modelOfResources(shards.get(name)!) }));
}

function writeFolder(out: string, model: Model): number {
  rmSync(out, { recursive: true, force: true });
  const files = emitAll(model);
  for (const f of files) {
    const path = join(out, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  const compilerOptions = {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true,
    verbatimModuleSyntax: true, lib: ['ES2022', 'DOM'], types: ['node'],
  };
  writeFileSync(join(out, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: ['node_modules'] }, null, 2)}\n`);
  return files.length;
}

interface JsonResults {
  testResults: Array<{ name: string; status: string; message?: string; assertionResults: Array<{ status: string; title: string; fullName: string; failureMessages?: string[] }> }>;
}

export interface ShardResult {
  name: string;
  resources: number;
  tscErrors: number;
  files: number;
  filesPassed: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Skipped tests by the reason their title carries. */
  skipReasons: Map<string, number>;
  failures: string[];
  seconds: number;
}

/** The reason a skipped test carries (`...: skipped, <reason>` or `round trip: <reason>`), without its details. */
export function skipReason(title: string): string {
  const m = /: skipped, (.*)$/.exec(title) ?? /^round trip: (.*)$/.exec(title);
  const reason = m ? m[1] : 'not run against this target';
  return reason.replace(/\s*\(.*$/, '');
}

function runShard(name: string, model: Model, out: string, options: Options): ShardResult {
  const started = performance.now();
  const count = writeFolder(out, model);
  const result: ShardResult = { name, resources: model.resources.length, tscErrors: 0, files: 0, filesPassed: 0, passed: 0, failed: 0, skipped: 0, skipReasons: new Map(), failures: [], seconds: 0 };
  console.log(`${name}: ${model.resources.length} resources, ${count} files emitted`);
  if (options.typecheck) {
    const tsc = spawnSync(process.execPath, ['--max-old-space-size=6144', join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', out, '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const errors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
    result.tscErrors = errors.length || (tsc.status === 0 ? 0 : 1);
    for (const line of errors.slice(0, 10)) console.log(`  tsc: ${line}`);
  }
  const jsonFile = join(out, 'vitest-results.json');
  const vitest = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run',
      '--config', join(out, 'contract', 'vitest.config.ts'),
      '--reporter=dot', '--reporter=json', `--outputFile.json=${jsonFile}`,
      '--reporter', join(out, 'contract-runtime', 'reporter.ts'),
    ],
    { cwd: out, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CONTRACT_TARGET: '', CONTRACT_REPORT: join(out, 'contract-drift.json') } },
  );
  if (!existsSync(jsonFile)) {
    result.failed++;
    result.failures.push(`vitest wrote no results (exit ${vitest.status}): ${`${vitest.stderr}`.slice(-2000)}`);
    result.seconds = (performance.now() - started) / 1000;
    return result;
  }
  const results = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonResults;
  for (const file of results.testResults) {
    result.files++;
    let fileOk = file.status === 'passed';
    for (const a of file.assertionResults) {
      if (a.status === 'passed') result.passed++;
      else if (a.status === 'failed') {
        result.failed++;
        fileOk = false;
        result.failures.push(`${a.fullName}\n    ${(a.failureMessages?.[0] ?? '').split('\n').slice(0, 4).join('\n    ')}`);
      } else {
        result.skipped++;
        const reason = skipReason(a.title);
        result.skipReasons.set(reason, (result.skipReasons.get(reason) ?? 0) + 1);
      }
    }
    if (file.assertionResults.length === 0 && file.message) {
      result.failed++;
      fileOk = false;
      result.failures.push(`${relative(out, file.name)}: ${file.message.split('\n')[0]}`);
    }
    if (fileOk) result.filesPassed++;
  }
  result.seconds = (performance.now() - started) / 1000;
  console.log(`  ${result.filesPassed}/${result.files} suites pass; tests: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped; tsc errors: ${result.tscErrors} (${result.seconds.toFixed(0)} s)`);
  for (const f of result.failures.slice(0, 10)) console.log(`  FAIL ${f}`);
  return result;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const options = parseArgs(argv);
  const present = CORPORA.filter((c) => existsSync(join(options.corpus, c)));
  if (present.length === 0) {
    console.error(`no corpus under ${options.corpus} (expected ${CORPORA.join(', ')})`);
    return 2;
  }
  const started = performance.now();
  const models: Array<{ corpus: string; model: Model }> = [];
  for (const corpus of present) models.push({ corpus, model: await corpusModel(join(options.corpus, corpus)) });
  console.log(`models: ${models.map((m) => `${m.corpus} ${m.model.resources.length}`).join(', ')} resources (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  let shards: Array<{ name: string; model: Model }>;
  if (options.all) {
    shards = shardModels(models);
    if (options.only) shards = shards.filter((s) => options.only!.some((o) => s.name === o || s.name.startsWith(`${o}/`)));
  } else {
    const { model, groups } = sampleModel(models, options.size);
    console.log(`sample: ${model.resources.length} resources of ${new Set(groups.values()).size} corpus/provider groups`);
    shards = [{ name: 'sample', model }];
  }
  const results = shards.map((s) => runShard(s.name, s.model, join(options.out, s.name.replace(/\//g, '__')), options));

  const total = results.reduce(
    (t, r) => ({ resources: t.resources + r.resources, files: t.files + r.files, filesPassed: t.filesPassed + r.filesPassed, passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped, tscErrors: t.tscErrors + r.tscErrors }),
    { resources: 0, files: 0, filesPassed: 0, passed: 0, failed: 0, skipped: 0, tscErrors: 0 },
  );
  const reasons = new Map<string, number>();
  for (const r of results) for (const [k, n] of r.skipReasons) reasons.set(k, (reasons.get(k) ?? 0) + n);
  console.log(`\n${results.length} shard(s), ${total.resources} resources: ${total.filesPassed}/${total.files} suites pass; tsc errors: ${total.tscErrors} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log('skipped tests by reason:');
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${reason}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 && total.tscErrors === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

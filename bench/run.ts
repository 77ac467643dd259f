/**
 * `npm run bench [-- --runs N] [-- --only generate|reader|clients|mock-engine|mock-store|mock-server|mock-pg|statement-size|cli-startup|browser-page|lean-output|watch-edit]`: the
 * benchmarks, each section written to bench/results/<name>.md with the machine and the date, and
 * bench/RESULTS.md assembled from all sections (so --only refreshes one and keeps the others).
 * Needs ../shared/corpus.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchGenerate, removeLeftovers } from './generate.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const corpus = '../shared/corpus';
if (!existsSync(corpus)) {
  console.error(`${corpus} not found: the benchmarks run over the shared corpus`);
  process.exit(2);
}

// reader-before-after, mock-server-before-after, mock-runs and lazy-validators are records written by hand (mock-runs: medians of three runs of the mock sections; lazy-validators: a before/after of two commits), not by a benchmark here.
const NAMES = ['generate', 'reader', 'reader-before-after', 'clients', 'mock-engine', 'mock-store', 'mock-server', 'mock-server-before-after', 'mock-pg', 'mock-runs', 'statement-size', 'cli-startup', 'browser-page', 'lean-output', 'spec-at-runtime', 'watch-edit', 'lazy-validators'] as const;
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const stamp = `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}._\n\n`;
mkdirSync('bench/results', { recursive: true });
const save = (name: string, text: string) => writeFileSync(`bench/results/${name}.md`, stamp + text);

// What the generate bench set aside is removed last, so no other bench runs after a mass deletion.
process.on('exit', removeLeftovers);

if (!only || only === 'generate') {
  const parts = ['## generate: every page into the model and every output', ''];
  // generate-once --dist runs the compiled generator: built from these sources first.
  execSync('npm run build --silent', { stdio: ['ignore', 'ignore', 'inherit'] });
  // The page edited in the --watch case: a big resource of each folder.
  const edits: Record<string, string> = {
    'registry-docs': 'aws-docs/providers/aws/ec2/instances/index.md',
    'google-microsite': 'google/docs/services/compute/instances/index.md',
  };
  for (const folder of ['registry-docs', 'google-microsite']) {
    console.error(`generate: ${folder}`);
    parts.push(benchGenerate(`${corpus}/${folder}`, runs, edits[folder]!));
  }
  save('generate', parts.join('\n'));
}

const run = (script: string, ...args: string[]) =>
  execSync(`${process.execPath} --import tsx ${script} ${args.join(' ')}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });

if (!only || only === 'reader') {
  console.error('reader: bench/parse.ts, bench/hostile-pages.ts, bench/manifests.ts');
  save('reader', [
    '## reader: the page reader alone (one thread)',
    '',
    run('bench/parse.ts', '--rounds', String(Math.max(runs, 3))).trim(),
    '',
    '### hostile pages (issue 13): time by input size',
    '',
    run('bench/hostile-pages.ts').trim(),
    '',
    run('bench/manifests.ts').replace(/^## /m, '### ').trim(),
    '',
  ].join('\n'));
}

for (const [name, script] of [
  ['clients', 'bench/clients.ts'],
  ['mock-engine', 'bench/mock-engine.ts'],
  ['mock-store', 'bench/mock-store.ts'],
  ['mock-server', 'bench/mock-server.ts'],
  ['mock-pg', 'bench/mock-pg.ts'],
  ['statement-size', 'bench/statement-size.ts'],
  ['cli-startup', 'bench/cli-startup.ts'],
  ['browser-page', 'bench/browser-page.ts'],
  ['lean-output', 'bench/lean-output.ts'],
  ['watch-edit', 'bench/watch-edit.ts'],
] as const) {
  if ((only && only !== name) || !existsSync(script)) continue;
  console.error(`${name}: ${script}`);
  const out = execSync(`${process.execPath} --import tsx ${script}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (name === 'clients') save(name, `## clients: emitted size and type-check time\n\n${out.replace(/^## /gm, '### ')}`);
  else if (name === 'mock-server') save(name, `## mock-server: HTTP throughput at 10 connections\n\n\`\`\`\n${out.trim()}\n\`\`\`\n`);
  else if (name === 'cli-startup') save(name, `## cli-startup: the compiled command against tsx\n\n${out}`);
  else if (name === 'mock-pg') save(name, `## mock-pg: the Postgres-wire front against the HTTP front; connection churn; clients gone mid-query\n\n\`\`\`\n${out.trim()}\n\`\`\`\n`);
  else save(name, out);
}

const body = NAMES.filter((n) => existsSync(`bench/results/${n}.md`)).map((n) => readFileSync(`bench/results/${n}.md`, 'utf8'));
const text = [
  '# Benchmark results',
  '',
  'Written by `npm run bench`; each section says when and where it was measured. Shared machines are noisy:',
  'medians of several runs, and ratios to a baseline measured in the same run.',
  '',
  ...body,
].join('\n');
writeFileSync('bench/RESULTS.md', `${text}\n`);
console.log(text);
console.error('wrote bench/RESULTS.md');

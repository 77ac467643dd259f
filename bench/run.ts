/**
 * `npm run bench [-- --runs N] [-- --only generate]`: every benchmark, results written to
 * bench/RESULTS.md with the machine and the date. Needs ../shared/corpus.
 */
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchGenerate } from './generate.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const corpus = '../shared/corpus';
if (!existsSync(corpus)) {
  console.error(`${corpus} not found: the benchmarks run over the shared corpus`);
  process.exit(2);
}

const sections: string[] = [];
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
sections.push('# Benchmark results', '', `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.`, 'Shared machines are noisy: medians of several runs, and ratios to a baseline measured in the same run.', '');

if (!only || only === 'generate') {
  sections.push('## generate (issue: parse every page into the model)', '');
  for (const folder of ['registry-docs', 'google-microsite']) {
    console.error(`generate: ${folder}`);
    sections.push(benchGenerate(`${corpus}/${folder}`, runs));
  }
}

for (const [name, script] of [['clients', 'bench/clients.ts'], ['mock-engine', 'bench/mock-engine.ts'], ['mock-server', 'bench/mock-server.ts']] as const) {
  if ((only && only !== name) || !existsSync(script)) continue;
  console.error(`${name}: ${script}`);
  sections.push(execSync(`${process.execPath} --import tsx ${script}`, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }));
}

writeFileSync('bench/RESULTS.md', `${sections.join('\n')}\n`);
console.log(sections.join('\n'));
console.error('wrote bench/RESULTS.md');

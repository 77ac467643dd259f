/**
 * `npm run mutate:corpus [-- --pages N] [-- --seeds S,S2,...]`: the mutated-page run over real pages. A
 * deterministic sample of resource pages from every folder of ../shared/corpus, each mutated once
 * (the kinds in turn, see mutate.ts), each judged: kept, dropped or cut with a new warning or
 * error, or silent. Writes test/hostile/RESULTS.md and exits 1 when anything was silent.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { extractPageSafely } from '../../generator/extract/resource.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { judge, KINDS, mutate, rng, type Verdict } from './mutate.ts';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const wanted = arg('--pages', 2000);
const seeds = (args.includes('--seeds') ? args[args.indexOf('--seeds') + 1] : String(arg('--seed', 13))).split(',').map(Number);
const CORPUS = join('..', 'shared', 'corpus');
if (!existsSync(CORPUS)) {
  console.error(`${CORPUS} not found: the corpus mutation run needs it`);
  process.exit(2);
}

const folders = readdirSync(CORPUS).sort().map((d) => ({ d, files: listPages(join(CORPUS, d)) }));
const total = folders.reduce((n, f) => n + f.files.length, 0);

/** One run: a seeded sample, one mutation per page, the kinds in turn. */
function runSeed(seed: number): { verdicts: Array<Verdict & { file: string; seed: number }>; seconds: number } {
  // Every folder gets a share of the sample proportional to its size; pages are picked by a
  // seeded shuffle, so a run is repeatable.
  const random = rng(seed);
  const sample: string[] = [];
  for (const f of folders) {
    const files = f.files.slice();
    for (let k = files.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [files[k], files[j]] = [files[j], files[k]];
    }
    sample.push(...files.slice(0, Math.max(20, Math.round((wanted * f.files.length) / total) * 2)));
  }
  const started = performance.now();
  const verdicts: Array<Verdict & { file: string; seed: number }> = [];
  let k = 0;
  for (const file of sample) {
    if (verdicts.length >= wanted) break;
    const text = readFileSync(file, 'utf8');
    const original = extractPageSafely(text, file);
    if (original.kind !== 'resource') continue;
    const kind = KINDS[k % KINDS.length];
    const pageSeed = seed * 7919 + k;
    const m = mutate(text, kind, rng(pageSeed));
    k++;
    verdicts.push({ ...judge(original, extractPageSafely(m.text, file), kind), file, seed: pageSeed });
  }
  return { verdicts, seconds: (performance.now() - started) / 1000 };
}

const runs = seeds.map((s) => ({ seed: s, ...runSeed(s) }));
const { verdicts, seconds } = runs[0];
const seed = seeds[0];
const outcomes = ['kept', 'dropped', 'cut', 'silent-drop', 'silent-cut'] as const;
const table = ['| mutation | pages | kept | dropped, reported | cut, reported | silent drop | silent cut |', '|---|---|---|---|---|---|---|'];
for (const kind of KINDS) {
  const of = verdicts.filter((v) => v.kind === kind);
  table.push(`| ${kind} | ${of.length} | ${outcomes.map((o) => of.filter((v) => v.outcome === o).length).join(' | ')} |`);
}
const sum = (o: string) => verdicts.filter((v) => v.outcome === o).length;
table.push(`| **all** | ${verdicts.length} | ${outcomes.map(sum).join(' | ')} |`);
const codes = new Map<string, number>();
for (const v of verdicts) for (const c of v.newCodes) codes.set(c, (codes.get(c) ?? 0) + 1);
const silentOf = (vs: Verdict[]) => vs.filter((v) => v.outcome.startsWith('silent'));
const silent = runs.flatMap((r) => silentOf(r.verdicts) as Array<Verdict & { file: string; seed: number }>);
const text = [
  '# Mutated corpus pages',
  '',
  `Written by \`npm run mutate:corpus\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}); seed ${seed}; ${verdicts.length} resource pages from ${folders.length} corpus folders, one mutation each; ${seconds.toFixed(1)} s.`,
  '',
  'A page is *dropped* when it no longer gives a resource, *cut* when it gives fewer methods, fields, table parameters, examples or manifest nodes; either must come with a warning or an error the unmutated page did not have, else it is *silent*.',
  '',
  ...table,
  '',
  'New warnings and errors that reported the drops and cuts:',
  '',
  ...[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `- ${c}: ${n}`),
  '',
  runs.length > 1 ? `Every seed run: ${runs.map((r) => `seed ${r.seed}: ${r.verdicts.length} pages, ${silentOf(r.verdicts).length} silent`).join('; ')}.\n` : '',
  silent.length === 0 ? 'No silent drop or cut.' : `Silent (${silent.length}):\n\n${silent.slice(0, 50).map((v) => `- ${v.file}: ${v.kind} (seed ${v.seed}), ${v.outcome} (${v.lost.join(', ')})`).join('\n')}`,
  '',
  'What no reader can tell: a page cut exactly at a block boundary of a generation where pages',
  'legitimately end there (e.g. after the Methods table, or before the examples of a page that',
  'need not have any) reads as a shorter, complete page.',
  '',
].join('\n');
writeFileSync('test/hostile/RESULTS.md', text);
console.log(text);
process.exitCode = silent.length === 0 ? 0 : 1;

/**
 * generate over each corpus folder (a copy in tmp, so a page can be edited): cold (no cache, no
 * output), warm (nothing changed), and one page edited (what a --watch run does), each in a fresh
 * process, median of N runs, with peak RSS. Beside them, measured in the same run on the same
 * sample of pages (every k-th, about 4 MB): the naive parse (unified + remark-parse + remark-mdx,
 * one thread) and our extraction alone (one thread). Targets (issue 11): cold >= 2 MB/s and >= 10x
 * the naive parse; registry peak RSS <= 1.5 GB; warm <= 2 s; google edit <= 1 s.
 * Every generate runs the compiled generator (dist/: what users run, `stackql-docgen generate`;
 * run.ts builds it first); the cold run is also measured from source through tsx (`npm run
 * generate`), alternating with the compiled one, where each worker thread loads tsx and compiles
 * the generator again (worker-boot.mjs). Both write the same files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { extractPageSafely } from '../generator/extract/resource.ts';
import { listPages } from '../generator/read/list-pages.ts';

export interface RunStats { ms: number; bytes: number; pages: number; parsed: number; resources: number; maxRssMb: number; emitted: number; written: number }

/** Folders the generate bench leaves, each holding every output a cold run set aside. */
const leftovers: string[] = [];

/** Removes what the generate bench left: call once nothing is measured any more. */
export function removeLeftovers(): void {
  for (const folder of leftovers.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `from`: the compiled generator (dist/, run.ts builds it) or its sources through tsx. */
function runOnce(docs: string, out: string, mode: 'cold' | 'warm' | 'edit', page = '', from: 'dist' | 'source' = 'dist'): RunStats {
  const args = ['--import', 'tsx', 'bench/generate-once.ts', docs, out, mode, page, ...(from === 'dist' ? ['--dist'] : [])];
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunStats;
}

/** Every k-th page, k chosen for about `targetBytes`. */
function sample(files: string[], totalBytes: number, targetBytes = 4e6): string[] {
  const k = Math.max(1, Math.round(totalBytes / targetBytes));
  return files.filter((_, i) => i % k === 0);
}

/** ms to parse the texts one thread; `failed` counts pages remark-mdx refuses (time included). */
function timeParse(texts: Array<{ file: string; text: string }>, parse: (text: string, file: string) => void): { ms: number; failed: number } {
  let failed = 0;
  const t = performance.now();
  for (const { file, text } of texts) {
    try {
      parse(text, file);
    } catch {
      failed++;
    }
  }
  return { ms: performance.now() - t, failed };
}

export function benchGenerate(corpusDocs: string, runs: number, editPage: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  const docs = join(tmp, 'docs');
  cpSync(corpusDocs, docs, { recursive: true });
  const out = join(tmp, 'out');
  const page = join(docs, editPage);
  const cold: RunStats[] = [];
  const coldSource: RunStats[] = [];
  const warm: RunStats[] = [];
  const edit: RunStats[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      coldSource.push(runOnce(docs, out, 'cold', '', 'source'));
      cold.push(runOnce(docs, out, 'cold'));
      warm.push(runOnce(docs, out, 'warm'));
      edit.push(runOnce(docs, out, 'edit', page));
      const s = (r: RunStats) => `${(r.ms / 1000).toFixed(1)} s`;
      process.stderr.write(`  ${corpusDocs}: run ${k + 1}/${runs} cold ${s(cold[k])} (from source ${s(coldSource[k])}), warm ${s(warm[k])}, edit ${s(edit[k])} (${edit[k].emitted} resource emitted, ${edit[k].written} files written)\n`);
    }
  } finally {
    // Removed once every bench has run (run.ts: removeLeftovers), not while other runs are measured
    // (generate-once.ts: file creation right after a mass deletion measures the kernel).
    leftovers.push(tmp);
  }
  const files = listPages(corpusDocs);
  const { bytes, pages, resources } = cold[0];
  const mb = bytes / 1e6;
  const picked = sample(files, bytes).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const sampleMb = picked.reduce((n, p) => n + Buffer.byteLength(p.text), 0) / 1e6;
  const naiveParser = unified().use(remarkParse).use(remarkMdx);
  const naive = timeParse(picked, (text) => naiveParser.parse(text));
  const ours = timeParse(picked, (text, file) => extractPageSafely(text, file));

  const coldMs = median(cold.map((r) => r.ms));
  const coldRate = mb / (coldMs / 1000);
  const naiveRate = sampleMb / (naive.ms / 1000);
  const row = (label: string, rs: RunStats[], target: string) => {
    const ms = median(rs.map((r) => r.ms));
    return `| ${label} | ${(ms / 1000).toFixed(2)} s | ${(mb / (ms / 1000)).toFixed(2)} | ${median(rs.map((r) => r.maxRssMb)).toFixed(0)} MB | ${target} |`;
  };
  const editRow = edit.length ? `${median(edit.map((r) => r.emitted))} resource(s) emitted, ${median(edit.map((r) => r.written))} files written` : '';
  return [
    `### ${corpusDocs}`,
    '',
    `${pages} pages, ${mb.toFixed(1)} MB, ${resources} resources; median of ${runs} run(s), each in a fresh process, timed around \`generate()\` (parse, model, clients, mocks, validators, contract suites, write; the process's start-up not included), compiled (\`dist/\`, as users run \`stackql-docgen generate\`) unless the row says from source (\`npm run generate\`, through tsx, which each worker thread loads again). The same files either way. Edited page: \`${relative(corpusDocs, join(corpusDocs, editPage))}\` (${editRow}).`,
    '',
    '| run | wall | MB/s | peak RSS | target |',
    '|---|---|---|---|---|',
    row('cold (no cache, no output, all cores)', cold, '>= 2 MB/s; registry RSS <= 1.5 GB'),
    row('cold, from source through tsx (same runs, alternating)', coldSource, '(reference)'),
    row('warm (nothing changed)', warm, '<= 2 s'),
    row('one page edited (as --watch)', edit, 'google <= 1 s'),
    '',
    `Same run, one thread, on a sample of ${picked.length} pages (${sampleMb.toFixed(1)} MB, every ${Math.round(bytes / 4e6)}th page):`,
    '',
    '| parse of the sample | wall | MB/s |',
    '|---|---|---|',
    `| naive: unified + remark-parse + remark-mdx (${naive.failed} pages refused by remark-mdx, time included) | ${(naive.ms / 1000).toFixed(2)} s | ${naiveRate.toFixed(2)} |`,
    `| our extraction (page → resource) | ${(ours.ms / 1000).toFixed(2)} s | ${(sampleMb / (ours.ms / 1000)).toFixed(2)} |`,
    '',
    `Cold generate runs at ${coldRate.toFixed(2)} MB/s: **${(coldRate / naiveRate).toFixed(1)}x** the naive parse (target >= 10x); warm is ${(coldMs / median(warm.map((r) => r.ms))).toFixed(1)}x faster than cold.`,
    '',
  ].join('\n');
}

/**
 * generate over each corpus folder: cold (no cache) and warm (every page unchanged), median of
 * N runs each in a fresh process; a plain read-and-split of the same files as the floor; and the
 * slowest pages from a single-threaded timed pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractPageSafely } from '../generator/extract/resource.ts';
import { listPages } from '../generator/read/list-pages.ts';

export interface RunStats { ms: number; bytes: number; pages: number; parsed: number; resources: number; maxRssMb: number }

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function runOnce(docs: string, out: string, mode: 'cold' | 'warm'): RunStats {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/generate-once.ts', docs, out, mode], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunStats;
}

function readAndSplit(files: string[]): number {
  const t = performance.now();
  let n = 0;
  for (const f of files) n += readFileSync(f, 'utf8').split('\n').length;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t;
}

export function benchGenerate(docs: string, runs: number): string {
  const out = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  const files = listPages(docs);
  const cold: RunStats[] = [];
  const warm: RunStats[] = [];
  for (let k = 0; k < runs; k++) {
    cold.push(runOnce(docs, out, 'cold'));
    warm.push(runOnce(docs, out, 'warm'));
    process.stderr.write(`  ${docs}: run ${k + 1}/${runs} cold ${(cold[k].ms / 1000).toFixed(1)} s, warm ${(warm[k].ms / 1000).toFixed(1)} s\n`);
  }
  const split = median(Array.from({ length: runs }, () => readAndSplit(files)));
  const { bytes, pages, resources } = cold[0];
  const mb = bytes / 1e6;
  const coldMs = median(cold.map((r) => r.ms));
  const warmMs = median(warm.map((r) => r.ms));

  // Slowest pages, single thread, in this process.
  const timed = files.map((f) => {
    const text = readFileSync(f, 'utf8');
    const t = performance.now();
    extractPageSafely(text, f);
    return { f, ms: performance.now() - t, kb: text.length / 1024 };
  });
  const single = timed.reduce((n, x) => n + x.ms, 0);
  timed.sort((a, b) => b.ms - a.ms);

  const row = (label: string, ms: number, rss: number) =>
    `| ${label} | ${(ms / 1000).toFixed(2)} s | ${(pages / (ms / 1000)).toFixed(0)} | ${(mb / (ms / 1000)).toFixed(2)} | ${rss.toFixed(0)} MB |`;
  return [
    `### ${docs}`,
    '',
    `${pages} pages, ${mb.toFixed(1)} MB, ${resources} resources; median of ${runs} runs, each in a fresh process, timed around \`generate()\` (parse, model, clients, mocks, contract suites; the ~1.5 s of \`tsx\` start-up not included).`,
    '',
    '| run | wall | pages/s | MB/s | peak RSS |',
    '|---|---|---|---|---|',
    row('cold (no cache, all cores)', coldMs, median(cold.map((r) => r.maxRssMb))),
    row('warm (content-hash cache)', warmMs, median(warm.map((r) => r.maxRssMb))),
    `| extraction only, one thread | ${(single / 1000).toFixed(2)} s | ${(pages / (single / 1000)).toFixed(0)} | ${(mb / (single / 1000)).toFixed(2)} | |`,
    `| floor: read + split lines | ${(split / 1000).toFixed(2)} s | | ${(mb / (split / 1000)).toFixed(0)} | |`,
    '',
    `Cold is ${(coldMs / split).toFixed(0)}x the read-and-split floor; warm is ${(coldMs / warmMs).toFixed(1)}x faster than cold.`,
    '',
    'Slowest pages (one thread):',
    '',
    ...timed.slice(0, 5).map((x) => `- ${x.ms.toFixed(0)} ms, ${x.kb.toFixed(0)} KB: \`${x.f}\``),
    '',
  ].join('\n');
}

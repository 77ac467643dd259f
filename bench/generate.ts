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
 * The naive parse is the ratio's denominator, so it is measured like the cold run: each time in a
 * fresh process (parse-once.ts), twice per round (before the round's cold runs and after its
 * edit run, so both see the machine the generate runs saw), and its median taken, with its spread
 * and its CPU time beside it. Measured once in this process after all the generate runs, as it was
 * until stop 25, it moved by 2x between benches (microsite 5.4-11.7 s): its wall time depends on
 * the load (V8 collects its garbage partly on helper threads: CPU 1.2-1.3x its wall on an idle
 * core, and its GC pauses stretch when both cores are busy), and one measurement kept whatever
 * the machine did meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ParseStats } from './parse-once.ts';

export interface RunStats { ms: number; cpuMs: number; bytes: number; pages: number; parsed: number; resources: number; maxRssMb: number; emitted: number; written: number }

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

/** One single-thread parse of the folder's sample in a fresh process (parse-once.ts). */
function parseOnce(which: 'naive' | 'ours', folder: string): ParseStats {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/parse-once.ts', which, folder], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ParseStats;
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
  const naive: ParseStats[] = [];
  const ours: ParseStats[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      naive.push(parseOnce('naive', corpusDocs));
      ours.push(parseOnce('ours', corpusDocs));
      coldSource.push(runOnce(docs, out, 'cold', '', 'source'));
      cold.push(runOnce(docs, out, 'cold'));
      warm.push(runOnce(docs, out, 'warm'));
      edit.push(runOnce(docs, out, 'edit', page));
      naive.push(parseOnce('naive', corpusDocs));
      const s = (r: { ms: number }) => `${(r.ms / 1000).toFixed(1)} s`;
      process.stderr.write(`  ${corpusDocs}: run ${k + 1}/${runs} cold ${s(cold[k])} (from source ${s(coldSource[k])}), warm ${s(warm[k])}, edit ${s(edit[k])} (${edit[k].emitted} resource emitted, ${edit[k].written} files written), naive parse ${s(naive[2 * k])} and ${s(naive[2 * k + 1])}\n`);
    }
  } finally {
    // Removed once every bench has run (run.ts: removeLeftovers), not while other runs are measured
    // (generate-once.ts: file creation right after a mass deletion measures the kernel).
    leftovers.push(tmp);
  }
  const { bytes, pages, resources } = cold[0];
  const mb = bytes / 1e6;
  const sampleMb = naive[0]!.bytes / 1e6;
  const coldMs = median(cold.map((r) => r.ms));
  const coldRate = mb / (coldMs / 1000);
  const naiveMs = median(naive.map((r) => r.ms));
  const naiveRate = sampleMb / (naiveMs / 1000);
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const parseRow = (label: string, rs: ParseStats[]) => {
    const ms = median(rs.map((r) => r.ms));
    const spread = rs.length > 1 ? `${sec(Math.min(...rs.map((r) => r.ms)))}-${sec(Math.max(...rs.map((r) => r.ms)))}` : '';
    return `| ${label} | ${sec(ms)} | ${spread} | ${(sampleMb / (ms / 1000)).toFixed(2)} | ${sec(median(rs.map((r) => r.cpuMs)))} | ${sec(median(rs.map((r) => r.gcMs)))} |`;
  };
  // The CPU seconds each takes for a MB: a ratio the machine's load moves much less than wall time.
  const coldCpuPerMb = median(cold.map((r) => r.cpuMs)) / mb;
  const naiveCpuPerMb = median(naive.map((r) => r.cpuMs)) / sampleMb;
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
    `Same run, one thread, on a sample of ${naive[0]!.pages} pages (${sampleMb.toFixed(1)} MB, every ${naive[0]!.every}th page), each measurement in a fresh process, once over the sample as a cold run meets the pages; the naive parse ${naive.length} times (twice per round: before its cold runs and after its edit run), ours ${ours.length}; median, spread (fastest-slowest), and the process's CPU time over the same span (GC helper threads included):`,
    '',
    '| parse of the sample | wall (median) | spread | MB/s | CPU | GC pauses |',
    '|---|---|---|---|---|---|',
    parseRow(`naive: unified + remark-parse + remark-mdx (${naive[0]!.failed} pages refused by remark-mdx, time included)`, naive),
    parseRow('our extraction (page → resource)', ours),
    '',
    `Cold generate takes ${(coldCpuPerMb / 1000).toFixed(2)} s of CPU per MB (median ${sec(median(cold.map((r) => r.cpuMs)))}; the compiled run starts no child process), the naive parse ${(naiveCpuPerMb / 1000).toFixed(2)} s per MB.`,
    '',
    `Cold generate runs at ${coldRate.toFixed(2)} MB/s: **${(coldRate / naiveRate).toFixed(1)}x** the naive parse's median (target >= 10x; ${(coldRate / (sampleMb / (Math.min(...naive.map((r) => r.ms)) / 1000))).toFixed(1)}x its fastest run, ${(coldRate / (sampleMb / (Math.max(...naive.map((r) => r.ms)) / 1000))).toFixed(1)}x its slowest); warm is ${(coldMs / median(warm.map((r) => r.ms))).toFixed(1)}x faster than cold.`,
    '',
  ].join('\n');
}

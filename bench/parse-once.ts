/**
 * One single-thread parse of a sample of a corpus folder's pages, in a fresh process: the naive
 * parse (unified + remark-parse + remark-mdx: a tree and nothing more) or ours (page → resource,
 * extractPageSafely), once over the sample, as a cold run meets the pages. Prints a JSON line:
 * wall ms, CPU ms of the process over the same span (V8's GC helper threads included: the naive
 * parse's garbage is collected partly on other threads, so on a busy 2-core machine its wall time
 * depends on what else runs), GC pause ms, pages refused, the sample's pages and bytes.
 * Used by bench/generate.ts, which runs it several times interleaved with the generate runs.
 *   tsx bench/parse-once.ts <naive|ours> <folder>
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { extractPageSafely } from '../generator/extract/resource.ts';
import { listPages } from '../generator/read/list-pages.ts';

export interface ParseStats { ms: number; cpuMs: number; gcMs: number; failed: number; pages: number; bytes: number; every: number }

/** Every k-th page of the folder (listPages order), k chosen for about `targetBytes`. */
export function samplePages(folder: string, targetBytes = 4e6): { files: string[]; every: number } {
  const files = listPages(folder);
  const total = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const every = Math.max(1, Math.round(total / targetBytes));
  return { files: files.filter((_, i) => i % every === 0), every };
}

if (import.meta.filename === process.argv[1]) {
  const [which, folder] = process.argv.slice(2);
  if ((which !== 'naive' && which !== 'ours') || !folder) throw new Error('usage: tsx bench/parse-once.ts <naive|ours> <folder>');
  const { files, every } = samplePages(folder);
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const naive = unified().use(remarkParse).use(remarkMdx);
  const parse = which === 'naive' ? (text: string) => void naive.parse(text) : (text: string, file: string) => void extractPageSafely(text, file);
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  let failed = 0;
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (const { file, text } of texts) {
    try {
      parse(text, file);
    } catch {
      failed++; // remark-mdx refuses the page: its time is counted all the same
    }
  }
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  // GC entries are delivered asynchronously: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 20));
  gc.disconnect();
  const stats: ParseStats = { ms, cpuMs: (used.user + used.system) / 1000, gcMs, failed, pages: texts.length, bytes: texts.reduce((n, p) => n + Buffer.byteLength(p.text), 0), every };
  console.log(JSON.stringify(stats));
}

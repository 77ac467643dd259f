/**
 * The page reader alone, one thread: every page of a corpus folder read into memory once, then
 * rounds of `extractPageSafely` (tree + extraction) over all of them. Reports µs/page and MB/s
 * (median and best round) and a floor measured in the same rounds (split into lines), so runs on a
 * busy machine can still be compared by their ratio to the floor.
 *   tsx bench/parse.ts [--rounds N] [folder...]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { extractPageSafely } from '../generator/extract/resource.ts';
import { listPages } from '../generator/read/list-pages.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args[at + 1]) : 5;
const folders = args.filter((a, k) => !a.startsWith('--') && (at < 0 || k !== at + 1));
if (folders.length === 0) folders.push('../shared/corpus/registry-docs', '../shared/corpus/google-microsite');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const lines = [`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${rounds} rounds per folder`, '', '| folder | pages | MB | µs/page median | µs/page best | MB/s median | floor µs/page | ratio to floor |', '|---|---|---|---|---|---|---|---|'];
for (const folder of folders) {
  const pages = listPages(folder).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  const mb = pages.reduce((n, p) => n + Buffer.byteLength(p.text), 0) / 1e6;
  const times: number[] = [];
  const floors: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    let n = 0;
    for (const p of pages) n += p.text.split('\n').length;
    floors.push(performance.now() - t);
    t = performance.now();
    for (const p of pages) if (extractPageSafely(p.text, p.f).kind === 'skipped') n++;
    times.push(performance.now() - t);
    if (n < 0) throw new Error('unreachable');
    process.stderr.write(`${folder}: round ${r + 1}/${rounds} ${(times[r] / 1000).toFixed(2)} s\n`);
  }
  const us = (ms: number) => ((ms * 1000) / pages.length).toFixed(0);
  const med = median(times);
  lines.push(`| ${folder} | ${pages.length} | ${mb.toFixed(1)} | ${us(med)} | ${us(Math.min(...times))} | ${(mb / (med / 1000)).toFixed(2)} | ${us(median(floors))} | ${(med / median(floors)).toFixed(0)}x |`);
}
lines.push('', `load average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(lines.join('\n'));

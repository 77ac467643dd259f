/**
 * The browser page's bytes for a whole provider (google, registry-docs): what the page fetches on
 * load (the index) and per picked resource, against the whole model the page used to fetch; and
 * the main-thread cost of reading them (JSON.parse), medians of several runs, the whole model the
 * baseline. Run by `npm run bench -- --only browser-page`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBrowserPage } from '../mocks/browser/bundle.ts';
import { chunkFile, INDEX_FILE } from '../mocks/browser/split-model.ts';
import { modelFromDocs } from '../mocks/server/model.ts';

const DOCS = '../shared/corpus/registry-docs/google-docs';
const RUNS = 7;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

function parseMs(text: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    JSON.parse(text);
    times.push(performance.now() - t);
  }
  return median(times);
}

const load = loadavg()[0];
const model = await modelFromDocs(DOCS);
const dir = mkdtempSync(join(tmpdir(), 'bench-browser-page-'));
try {
  const built = await bundleBrowserPage(dir, model);
  const wholeText = JSON.stringify(model);
  const indexText = readFileSync(join(dir, INDEX_FILE), 'utf8');
  const biggest = built.chunkBytes.indexOf(Math.max(...built.chunkBytes));
  const chunkText = readFileSync(join(dir, chunkFile(biggest)), 'utf8');
  const whole = parseMs(wholeText);
  const index = parseMs(indexText);
  const chunk = parseMs(chunkText);
  console.log(`## browser-page: what the page fetches for a whole provider\n`);
  console.log(`google (registry-docs): ${built.index.resources} resources; load average ${load.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end.\n`);
  console.log('| what | bytes | JSON.parse, median of ' + RUNS + ' | vs the whole model |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| the whole model (what the page fetched before) | ${kb(built.index.modelBytes)} | ${whole.toFixed(1)} ms | 1 |`);
  console.log(`| index.json (fetched on load) | ${kb(built.indexBytes)} | ${index.toFixed(2)} ms | ${(built.indexBytes / built.index.modelBytes).toFixed(4)} of the bytes |`);
  const bundle = statSync(join(dir, 'main.js')).size;
  console.log(`| one resource: median / p95 / largest | ${kb(median(built.chunkBytes))} / ${kb(pct(built.chunkBytes, 95))} / ${kb(built.chunkBytes[biggest])} | ${chunk.toFixed(2)} ms (largest) | ${(built.chunkBytes[biggest] / built.index.modelBytes).toFixed(4)} (largest) |`);
  console.log(`\nThe page's code, main.js (client runtime, msw, engine, sql.js's loader), is ${kb(bundle)} whatever the model; sql.js's wasm comes on the first statement SQLite evaluates.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

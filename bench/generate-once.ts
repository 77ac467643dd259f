/**
 * One measured `generate` run (parse, model, clients, mocks, contract suites) in a fresh process,
 * so peak RSS and cold start are real: prints a JSON line with wall time, bytes, pages and peak
 * RSS. Used by bench/generate.ts.
 *   tsx bench/generate-once.ts <docs> <out> <cold|warm>
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../generator/pipeline.ts';

const [docs, out, mode] = process.argv.slice(2);
const cacheFile = join(out, 'bench-cache.txt');
// Cold: no page cache and no previous output, so every page is parsed and everything emitted.
if (mode === 'cold') rmSync(out, { recursive: true, force: true });
const started = performance.now();
const r = await generate({ docs, out, cacheFile });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, bytes: r.bytes, pages: r.files.length, parsed: r.parsed, resources: r.model.summary.resources, maxRssMb: process.resourceUsage().maxRSS / 1024 }));

/**
 * What the statement-size budget (limits.maxStatementBytes) is chosen from: the largest statement the
 * docs hold, the parser's cost per KiB, and how long one large statement blocks the request thread
 * of the engine (the rest of its time runs in SQLite's worker threads, under statementTimeoutMs).
 *
 *   npx tsx bench/statement-size.ts        (or npm run bench -- --only statement-size)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseStatement } from '../generator/core/sql/index.ts';
import { createMockEngine } from '../mocks/engine/index.ts';
import { utf8Bytes } from '../mocks/engine/budgets.ts';
import { readModelFile } from '../mocks/server/model.ts';

const corpus = '../shared/corpus';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const out: string[] = ['## statement-size: what maxStatementBytes is chosen from', '', `Load average at start ${load()}.`, ''];

// ---- the docs: every ```sql block of the corpus (a block may hold several statements) ----------
function* pages(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* pages(path);
    else if (/\.mdx?$/.test(entry.name)) yield path;
  }
}
const sizes: number[] = [];
let largest = { bytes: 0, file: '' };
for (const path of pages(corpus)) {
  let body: string[] | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (body === undefined) {
      if (line.startsWith('```sql')) body = [];
    } else if (line.startsWith('```')) {
      const bytes = utf8Bytes(body.join('\n'));
      sizes.push(bytes);
      if (bytes > largest.bytes) largest = { bytes, file: path.slice(corpus.length + 1) };
      body = undefined;
    } else body.push(line);
  }
}
sizes.sort((a, b) => a - b);
const at = (q: number) => sizes[Math.min(sizes.length - 1, Math.floor(sizes.length * q))]!;
out.push(
  `Doc statements: ${sizes.length} \`\`\`sql blocks in ${corpus}; median ${at(0.5)} B, 99th percentile ${at(0.99)} B, 99.9th ${at(0.999)} B, largest ${largest.bytes} B (${largest.file}).`,
  '',
);

// ---- the parser alone, three shapes, by size ----------------------------------------------------
const shapes = {
  'select list': (bytes: number) => {
    let s = 'SELECT c0';
    for (let i = 1; s.length < bytes; i++) s += `, col_${i}`;
    return `${s} FROM google.compute.instances WHERE project = 'p'`;
  },
  'AND chain': (bytes: number) => {
    let w = "project = 'p'";
    for (let i = 0; w.length < bytes; i++) w += ` AND name <> 'n${i}'`;
    return `SELECT name FROM google.compute.instances WHERE ${w}`;
  },
  'one long string': (bytes: number) => `INSERT INTO google.compute.instances (project, data__name) SELECT 'p', '${'x'.repeat(bytes)}'`,
};
const sizesKiB = [4, 64, 256, 1024];
out.push('Parser alone (`parseStatement`, templates off as in the mock), median of 5, ms (ms per KiB):', '');
out.push(`| shape | ${sizesKiB.map((k) => `${k} KiB`).join(' | ')} |`, `|---|${sizesKiB.map(() => '---:').join('|')}|`);
for (const [name, make] of Object.entries(shapes)) {
  const cells = sizesKiB.map((kib) => {
    const text = make(kib * 1024);
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      parseStatement(text, { templates: false });
      times.push(performance.now() - t);
    }
    const m = median(times);
    return `${m.toFixed(1)} (${(m / kib).toFixed(2)})`;
  });
  out.push(`| ${name} | ${cells.join(' | ')} |`);
}
out.push('');

// ---- the engine: the longest time its thread is blocked by one statement ---------------------------
const engine = createMockEngine({ model: readModelFile('generated/model.json'), limits: { maxStatementBytes: 64 * 1024 * 1024 } });
const chain = (bytes: number, salt: number) => {
  let w = "email = 'p'";
  for (let i = 0; w.length < bytes; i++) w += ` AND id <> 'n${salt}-${i}'`;
  return `SELECT id FROM confluent.iam.invitations WHERE ${w}`;
};
await engine.query({ query: 'SELECT id FROM confluent.iam.invitations' });
out.push('Engine (`engine.query`, SQLite in 2 worker threads), an AND chain of distinct values, median of 3:', '');
out.push('| size | whole statement | longest block of the calling thread |', '|---|---:|---:|');
for (const kib of [64, 256, 1024]) {
  const totals: number[] = [];
  const blocks: number[] = [];
  for (let r = 0; r < 3; r++) {
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    await engine.query({ query: chain(kib * 1024, kib + r), showMetadata: false });
    totals.push(performance.now() - started);
    clearInterval(timer);
    blocks.push(Math.max(longest, performance.now() - last));
  }
  out.push(`| ${kib} KiB | ${median(totals).toFixed(0)} ms | ${median(blocks).toFixed(0)} ms |`);
}
await engine.close();
const refusing = createMockEngine({ model: readModelFile('generated/model.json') });
const big = chain(1024 * 1024, 0);
const started = performance.now();
const refused = await refusing.query({ query: big });
out.push('', `With the default limit, the 1 MiB statement is refused (${refused.status}) in ${(performance.now() - started).toFixed(1)} ms.`);
await refusing.close();
out.push('', `Load average at end ${load()}.`, '');
console.log(out.join('\n'));

/**
 * The mock store's keyed index: SELECT, DELETE and INSERT by key with 1,000 and with 100,000 rows
 * in one scope (target: flat, the 100k case within 2x of the 1k one, measured in the same run), and
 * a lookup by key across scopes when scope-less rows exist (the index path), and a reset with 1,000
 * and 100,000 fixture rows after a few writes (with the SELECTs after it). In-process
 * `engine.query` over the docs/ model, so no corpus is needed. Prints a markdown section.
 *
 *   npx tsx bench/mock-store.ts [--ops 3000]
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createMockEngine, type MockEngine } from '../mocks/engine/index.ts';
import { readModelSync } from '../generator/read-model.ts';
import { listPages } from '../generator/read/list-pages.ts';

const args = process.argv.slice(2);
const ops = Number(args.includes('--ops') ? args[args.indexOf('--ops') + 1] : 3000);
const model = readModelSync(listPages(join(process.cwd(), 'docs')), { relativeTo: process.cwd() });

interface Timing {
  p50: number;
  p99: number;
  mean: number;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.floor(sorted.length * 0.99)], mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function time(engine: MockEngine, queries: string[]): Promise<Timing> {
  const samples: number[] = [];
  for (const query of queries) {
    const t = performance.now();
    const r = await engine.query({ query, showMetadata: false });
    samples.push(performance.now() - t);
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)} for ${query}`);
  }
  return timing(samples);
}

const R = 'confluent.iam.invitations';

/** One scope of `rows` rows (confluent invitations: a global scope, key `id`); its ids. */
async function engineWith(rows: number): Promise<{ engine: MockEngine; ids: string[] }> {
  const engine = createMockEngine({ model, rowsPerScope: rows, sqliteThreads: 0 });
  const r = await engine.query({ query: `SELECT id FROM ${R}`, showMetadata: false });
  const ids = (r.body as { data: { id: string }[] }).data.map((row) => row.id);
  if (ids.length !== rows) throw new Error(`expected ${rows} rows, got ${ids.length}`);
  return { engine, ids };
}

interface Line {
  what: string;
  small: Timing;
  large: Timing;
}
const lines: Line[] = [];

for (const [what, make] of [
  ['SELECT by key (get)', (ids: string[]) => Array.from({ length: ops }, (_, i) => `SELECT id, email FROM ${R} WHERE id = '${ids[(i * 7919) % ids.length]}'`)],
  ['INSERT (a new key each time)', () => Array.from({ length: ops }, (_, i) => `INSERT INTO ${R} (data__email) SELECT 'bench${i}@example.com'`)],
  ['DELETE by key (each an existing row)', (ids: string[]) => Array.from({ length: Math.min(ops, 900) }, (_, i) => `DELETE FROM ${R} WHERE id = '${ids[i]}'`)],
] as const) {
  const result: Partial<Line> = { what };
  for (const rows of [1_000, 100_000]) {
    const { engine, ids } = await engineWith(rows);
    const queries = make(ids);
    await time(engine, queries.slice(0, 200).map((q) => q.replace(/bench(\d+)@/, 'warm$1@')).filter((q) => !q.startsWith('DELETE')));
    const t = await time(engine, queries);
    if (rows === 1_000) result.small = t;
    else result.large = t;
    await engine.close();
  }
  lines.push(result as Line);
}

// Across scopes: google userinvitations (scope customersId, key userinvitationsId) with scope-less
// fixture rows, so a get must consider every scope: served by the key index, not a scan.
const across: Partial<Line> = { what: 'SELECT by key across scopes (scope-less rows present)' };
for (const rows of [1_000, 100_000]) {
  const engine = createMockEngine({ model, sqliteThreads: 0 });
  engine.load({ 'google.cloudidentity.userinvitations': [{ rows: Array.from({ length: rows }, (_, i) => ({ name: `customers/c/userinvitations/u${i}`, userinvitationsId: `u${i}` })) }] });
  const queries = Array.from({ length: ops }, (_, i) => `SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'c${i % 50}' AND userinvitationsId = 'u${(i * 7919) % rows}'`);
  await time(engine, queries.slice(0, 200));
  const t = await time(engine, queries);
  if (rows === 1_000) across.small = t;
  else across.large = t;
  await engine.close();
}
lines.push(across as Line);

// Reset with fixture rows after a few writes: the store goes back to the fixtures by undoing the
// writes, not by making every fixture row again (store.ts), so flat too. Timed: the reset, then the
// SELECTs by key after it (a rebuild's new rows are promoted, and the old ones collected, while
// they run). Fixtures of one scope, loaded as the HTTP bench loads them (in chunks).
const resets: Partial<Line> = { what: 'reset after 10 INSERTs and a DELETE, then 100 SELECTs by key (fixture rows)' };
for (const rows of [1_000, 100_000]) {
  const engine = createMockEngine({ model, sqliteThreads: 0 });
  for (let from = 0; from < rows; from += 20_000) {
    engine.load({ [R]: [{ rows: Array.from({ length: Math.min(20_000, rows - from) }, (_, i) => ({ id: `f-${from + i}`, email: `f${from + i}@example.com` })) }] });
  }
  const gets = Array.from({ length: 100 }, (_, i) => `SELECT id, email FROM ${R} WHERE id = 'f-${(i * 7919) % rows}'`);
  const samples: number[] = [];
  for (let cycle = 0; cycle < Math.max(20, Math.floor(ops / 100)); cycle++) {
    for (let i = 0; i < 10; i++) await engine.query({ query: `INSERT INTO ${R} (data__email) SELECT 'cycle${cycle}-${i}@example.com'` });
    await engine.query({ query: `DELETE FROM ${R} WHERE id = 'f-${(cycle * 31) % rows}'` });
    const t = performance.now();
    engine.reset();
    await time(engine, gets);
    samples.push(performance.now() - t);
  }
  if (rows === 1_000) resets.small = timing(samples.slice(3));
  else resets.large = timing(samples.slice(3));
  await engine.close();
}
lines.push(resets as Line);

const f = (n: number) => n.toFixed(3);
console.log(
  [
    '## mock-store: operations by key at 1,000 vs 100,000 rows in one scope',
    '',
    `In-process \`engine.query\` over the docs/ model, ${ops} operations per case (900 for DELETE; the reset: one sample per reset and the 100 SELECTs after it), one at a time; ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. Target: the 100k column within 2x of the 1k one.`,
    '',
    '| operation | 1k rows p50 ms | 1k p99 | 100k rows p50 ms | 100k p99 | 100k / 1k (p50) | 100k / 1k (mean) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...lines.map((l) => `| ${l.what} | ${f(l.small.p50)} | ${f(l.small.p99)} | ${f(l.large.p50)} | ${f(l.large.p99)} | ${(l.large.p50 / l.small.p50).toFixed(2)} | ${(l.large.mean / l.small.mean).toFixed(2)} |`),
    '',
  ].join('\n'),
);

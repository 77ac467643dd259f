/**
 * The mock store's keyed index: SELECT, DELETE and INSERT by key with 1,000 and with 100,000 rows
 * in one scope (target: flat, the 100k case within 2x of the 1k one, measured in the same run), and
 * a lookup by key across scopes when scope-less rows exist (the index path). In-process
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

const f = (n: number) => n.toFixed(3);
console.log(
  [
    '## mock-store: operations by key at 1,000 vs 100,000 rows in one scope',
    '',
    `In-process \`engine.query\` over the docs/ model, ${ops} operations per case (900 for DELETE), one at a time; ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. Target: the 100k column within 2x of the 1k one.`,
    '',
    '| operation | 1k rows p50 ms | 1k p99 | 100k rows p50 ms | 100k p99 | 100k / 1k (p50) | 100k / 1k (mean) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...lines.map((l) => `| ${l.what} | ${f(l.small.p50)} | ${f(l.small.p99)} | ${f(l.large.p50)} | ${f(l.large.p99)} | ${(l.large.p50 / l.small.p50).toFixed(2)} | ${(l.large.mean / l.small.mean).toFixed(2)} |`),
    '',
  ].join('\n'),
);

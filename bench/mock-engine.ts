/**
 * In-process throughput of the mock engine (`engine.query`, no HTTP) with the whole google
 * microsite model loaded: a fast-path SELECT, a SELECT * of a wide resource, a SELECT that goes
 * through SQLite, and an INSERT. Prints a markdown section (bench/run.ts collects it).
 *
 *   npx tsx bench/mock-engine.ts [--model /tmp/ms/model.json] [--seconds 2]
 *
 * Without --model it reads /tmp/ms/model.json, generating it from ../shared/corpus/google-microsite
 * first when missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseModel } from '../generator/core/model-codec.ts';
import { generate } from '../generator/pipeline.ts';
import type { Model } from '../generator/core/model.ts';
import { createMockEngine, fillPlaceholders, type MockEngine, type QueryRequest } from '../mocks/engine/index.ts';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const modelPath = arg('--model') ?? '/tmp/ms/model.json';
const seconds = Number(arg('--seconds') ?? 2);

async function loadModel(): Promise<{ model: Model; ms: number }> {
  if (!existsSync(modelPath)) {
    const docs = '../shared/corpus/google-microsite';
    if (!existsSync(docs)) throw new Error(`${modelPath} not found and ${docs} is missing: pass --model`);
    console.error(`generating ${modelPath} from ${docs}...`);
    await generate({ docs, out: modelPath.replace(/\/model\.json$/, '') });
  }
  const started = performance.now();
  const model = parseModel(readFileSync(modelPath, 'utf8'), modelPath);
  return { model, ms: performance.now() - started };
}

interface Result {
  name: string;
  ops: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  max: number;
}

async function measure(engine: MockEngine, name: string, request: (i: number) => QueryRequest): Promise<Result> {
  // Warm-up: JIT, lazy generation of the scope, SQLite load.
  for (let i = 0; i < 2000; i++) {
    const r = await engine.query(request(-1 - i));
    if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let i = 0;
  while (performance.now() < deadline) {
    for (let k = 0; k < 100; k++, i++) {
      const t = performance.now();
      const r = await engine.query(request(i));
      latencies.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { name, ops: latencies.length, opsPerSec: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] };
}

const { model, ms: parseMs } = await loadModel();
const built = performance.now();
const engine = createMockEngine({ model, seed: 1 });
const buildMs = performance.now() - built;

const results: Result[] = [];
results.push(
  await measure(engine, 'SELECT cols (fast path): google.compute.instances by project + zone', () => ({
    query: "SELECT name, status, machineType FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a'",
  })),
);
results.push(
  await measure(engine, 'SELECT cols with params substitution', () => ({
    query: "SELECT name, status FROM google.compute.instances WHERE project = '$project' AND zone = '$zone'",
    params: { project: 'bench-project', zone: 'us-central1-a' },
  })),
);
results.push(
  await measure(engine, 'SELECT * (fast path, 3 rows x 51 columns): google.compute.instances list', () => ({
    query: "SELECT * FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a'",
  })),
);
results.push(
  await measure(engine, 'SELECT get by key (fast path): google.compute.instances get', () => ({
    query: "SELECT name, status FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a' AND instance = 'missing'",
  })),
);
results.push(
  await measure(engine, 'SELECT of a new scope each time (lazy generation of 3 rows)', (i) => ({
    query: `SELECT name, status FROM google.compute.instances WHERE project = 'p-${i + 10_000}' AND zone = 'us-central1-a'`,
  })),
);
results.push(
  await measure(engine, 'SELECT ... ORDER BY / json_extract (SQLite)', () => ({
    query: "SELECT name, json_extract(scheduling, '$.preemptible') AS preemptible FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a' ORDER BY name DESC LIMIT 2",
  })),
);
// The same statement with SQLite in the calling thread: what evaluating off the request thread
// (worker threads, the time budget's enforcement) costs per statement, measured in the same run.
const inThread = createMockEngine({ model, seed: 1, sqliteThreads: 0 });
results.push(
  await measure(inThread, 'SELECT ... ORDER BY / json_extract (SQLite in the calling thread: sqliteThreads 0)', () => ({
    query: "SELECT name, json_extract(scheduling, '$.preemptible') AS preemptible FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a' ORDER BY name DESC LIMIT 2",
  })),
);
results.push(
  await measure(engine, 'INSERT (new row each time, RETURNING name)', (i) => ({
    query: `INSERT INTO google.compute.instances (project, zone, data__name, data__machineType) SELECT 'bench-insert', 'us-central1-a', 'vm-${i + 10_000}', 'e2-small' RETURNING name`,
  })),
);

// Every example of the model, placeholders filled: a realistic mix of statements, and a check that
// the engine answers what the docs show (a fresh state for each, as inserts reuse sample names).
const statements = model.resources.flatMap((r) => r.examples.filter((e) => !e.parseError).map((e) => ({ verb: e.verb, sql: fillPlaceholders(e, r) })));
const statuses = new Map<string, number>();
const mixStarted = performance.now();
for (const { verb, sql } of statements) {
  engine.reset();
  const r = await engine.query({ query: sql });
  const key = r.status === 200 ? '200' : `${r.status} (${verb})`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
}
const mixSeconds = (performance.now() - mixStarted) / 1000;

const fmt = (n: number, d = 3) => n.toFixed(d);
const lines = [
  '## mock-engine (in-process `engine.query`, google microsite model)',
  '',
  `${model.resources.length} resources; model JSON.parse ${fmt(parseMs, 0)} ms, createMockEngine ${fmt(buildMs, 1)} ms; ${seconds} s per case, one at a time; ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`,
  '',
  '| statement | ops | ops/s | p50 ms | p99 ms | max ms |',
  '|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.name} | ${r.ops} | ${Math.round(r.opsPerSec)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max, 2)} |`),
  '',
  `Every documented example (${statements.length}, placeholders filled, reset before each): ${Math.round(statements.length / mixSeconds)} statements/s; ` +
    `answers: ${[...statuses].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', ')}.`,
  '',
];
console.log(lines.join('\n'));
await Promise.all([engine.close(), inThread.close()]);

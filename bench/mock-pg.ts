/**
 * The mock's Postgres-wire front against its HTTP front, in the same run, on the same engine:
 *
 *   npx tsx bench/mock-pg.ts [--model .cache/bench/google-microsite/model.json] [--seconds 3] [--rounds 3] [--connections 10] [--churn 1000]
 *
 *  1. SELECT and INSERT (a new row each time) at 10 connections, closed loop: requests/s, p50, p99
 *     over HTTP and over the Postgres wire (raw-socket clients for both, bench/pg-load.ts), and
 *     pgbench (simple protocol, SELECT) when installed. Cases alternate per round, the mock reset
 *     before each; medians. Target: pg ≥ HTTP req/s, p99 < 5 ms (quiet machine).
 *  2. --churn connections opened and closed (startup, one SELECT, Terminate), three times: the
 *     server's open file descriptors and RSS/heap (after a full GC) against the baseline.
 *  3. Clients that send a slow statement and vanish mid-query, while one client keeps querying:
 *     it is served throughout, and descriptors come back.
 * The server (bench/pg-server-child.ts) runs on CPU 1 and the load on CPU 0 when taskset exists.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { ensureModel as ensureModelFile } from './ensure-model.ts';

const opts = new Command()
  .option('--model <file>', 'model.json of the google microsite (generated here when missing; delete it to refresh)', '.cache/bench/google-microsite/model.json')
  .option('--docs <dir>', 'docs to generate the model from when --model is missing', '../shared/corpus/google-microsite')
  .option('--seconds <n>', 'measured seconds per case and round', Number, 3)
  .option('--rounds <n>', 'rounds; cases alternate within each, medians are reported', Number, 3)
  .option('--connections <n>', 'concurrent connections', Number, 10)
  .option('--churn <n>', 'connections opened and closed per churn round', Number, 1000)
  .parse()
  .opts<{ model: string; docs: string; seconds: number; rounds: number; connections: number; churn: number }>();

const PIN = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).error === undefined;
const pinned = (cpu: number, command: string, args: string[]): [string, string[]] => (PIN ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args]);
const HOST = '127.0.0.1';
const SELECT = "SELECT name, id, status, machineType FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a'";
const INSERT =
  "INSERT INTO google.compute.instances (project, zone, data__name, data__machineType) SELECT 'bench-insert-project', 'us-east1-b', 'bench-vm-__N__', 'zones/us-east1-b/machineTypes/e2-small'";
const SLOW_RESOURCE = 'google.compute.disks';
const SLOW = "SELECT name FROM google.compute.disks WHERE project = 'bench-project' AND zone = 'us-central1-a'";

interface Stats {
  rss: number;
  heapUsed: number;
  fds: number;
  connections: number;
}
interface Rate {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const ensureModel = (): void => ensureModelFile(opts.model, opts.docs);

let server: ChildProcess | undefined;
process.on('exit', () => server?.kill('SIGTERM'));

async function startServer(): Promise<{ http: string; pgPort: number; stats: () => Promise<Stats> }> {
  const [command, args] = pinned(1, process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/pg-server-child.ts', opts.model]);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  server = child;
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  lines.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  const ready = /^ready (\S+) (\d+)$/.exec(await nextLine());
  if (!ready) throw new Error('the server did not start');
  return {
    http: ready[1],
    pgPort: Number(ready[2]),
    async stats() {
      child.stdin!.write('stats\n');
      return JSON.parse(await nextLine()) as Stats;
    },
  };
}

function load(args: string[]): Promise<any> {
  const [command, argv] = pinned(0, process.execPath, ['--import', 'tsx', 'bench/pg-load.ts', ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`pg-load ${args[0]} exited ${code}: ${out}`))));
  });
}

function hasPgbench(): boolean {
  return spawnSync('pgbench', ['--version']).status === 0;
}

/** pgbench, simple protocol, one thread; p99 from its per-transaction log. */
function pgbench(port: number, seconds: number): Rate {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    writeFileSync(join(dir, 'select.sql'), `${SELECT};\n`);
    const [command, argv] = pinned(0, 'pgbench', ['-n', '-M', 'simple', '-c', String(opts.connections), '-j', '1', '-T', String(seconds), '-f', join(dir, 'select.sql'), '-l', `--log-prefix=${join(dir, 'log')}`, '-h', HOST, '-p', String(port), '-U', 'stackql', 'stackql']);
    const r = spawnSync(command, argv, { encoding: 'utf8', timeout: (seconds + 30) * 1000, cwd: dir });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`pgbench: ${r.stdout}\n${r.stderr}`);
    const failed = Number(/number of failed transactions: (\d+)/.exec(r.stdout)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const file of spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.split('\n').filter((f) => f.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line.trim() !== '') latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    return { rps: tps, p50: at(50), p99: at(99), errors: failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function post(http: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
  // connection: close, so that the bench's own socket is not counted among the server's descriptors.
  const res = await fetch(`${http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

async function main(): Promise<void> {
  ensureModel();
  const { http, pgPort, stats } = await startServer();
  const httpPort = Number(new URL(http).port);
  for (const query of [SELECT, SLOW]) {
    const answer = await post(http, '/stackql', { query });
    if (answer.status !== 200) throw new Error(`the mock answered ${answer.status} to ${query}: ${answer.text}`);
  }
  const withPgbench = hasPgbench();
  console.log(
    `model ${opts.model}; ${opts.connections} connections, ${opts.rounds} rounds of ${opts.seconds} s per case (medians); ` +
      `raw-socket keep-alive clients (bench/pg-load.ts)${withPgbench ? ' and pgbench -M simple -j 1' : ''}${PIN ? '; server on CPU 1, load on CPU 0' : ''}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );

  // 1. Throughput and latency, HTTP against the Postgres wire.
  const cases: Array<{ name: string; run: (seconds: number) => Promise<Rate>; results: Rate[] }> = [
    { name: 'HTTP front, POST /stackql', run: (s) => load(['rate', HOST, 'http', String(httpPort), String(opts.connections), String(s), SELECT]), results: [] },
    { name: 'pg front, simple query', run: (s) => load(['rate', HOST, 'pg', String(pgPort), String(opts.connections), String(s), SELECT]), results: [] },
  ];
  if (withPgbench) cases.push({ name: 'pg front, pgbench', run: async (s) => pgbench(pgPort, s), results: [] });
  cases.push(
    { name: 'HTTP front, INSERT', run: (s) => load(['rate', HOST, 'http', String(httpPort), String(opts.connections), String(s), INSERT]), results: [] },
    { name: 'pg front, INSERT', run: (s) => load(['rate', HOST, 'pg', String(pgPort), String(opts.connections), String(s), INSERT]), results: [] },
  );
  // Each case from the seeded state: INSERTed rows would otherwise pile up round after round.
  const fromReset = async (c: (typeof cases)[number], seconds: number) => {
    const r = await post(http, '/__mock/reset', {});
    if (r.status !== 200) throw new Error(`reset: ${r.status} ${r.text}`);
    return c.run(seconds);
  };
  for (const c of cases) await fromReset(c, 1);
  for (let round = 0; round < opts.rounds; round++) for (const c of cases) c.results.push(await fromReset(c, opts.seconds));
  const rows = cases.map((c) => ({
    name: c.name,
    rps: median(c.results.map((r) => r.rps)),
    p50: median(c.results.map((r) => r.p50)),
    p99: median(c.results.map((r) => r.p99)),
    errors: c.results.reduce((n, r) => n + r.errors, 0),
    rounds: c.results.map((r) => r.rps.toFixed(0)).join(' / '),
  }));
  const base = rows[0].rps;
  const insertBase = rows.find((r) => r.name === 'HTTP front, INSERT')!.rps;
  console.log(`\n${'case'.padEnd(28)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs HTTP'.padStart(9)}${'errors'.padStart(8)}   rounds (req/s)`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(28)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${`${((r.rps / (r.name.endsWith('INSERT') ? insertBase : base)) * 100).toFixed(0)}%`.padStart(9)}${String(r.errors).padStart(8)}   ${r.rounds}`);
  }
  const pg = rows[1];
  const pgInsert = rows.find((r) => r.name === 'pg front, INSERT')!;
  console.log('(vs HTTP: an INSERT case against the HTTP INSERT, the others against the HTTP SELECT)');
  console.log(`target (pg ≥ HTTP req/s, p99 < 5 ms): SELECT ${pg.rps >= base && pg.p99 < 5 ? 'met' : 'NOT met'} (pg ${((pg.rps / base) * 100).toFixed(0)}% of HTTP, p99 ${pg.p99.toFixed(2)} ms); INSERT ${pgInsert.rps >= insertBase && pgInsert.p99 < 5 ? 'met' : 'NOT met'} (pg ${((pgInsert.rps / insertBase) * 100).toFixed(0)}% of HTTP, p99 ${pgInsert.p99.toFixed(2)} ms)`);

  // 2. Connections opened and closed: descriptors and memory back to the baseline.
  const settle = async (): Promise<Stats> => {
    for (let i = 0; i < 50; i++) {
      const s = await stats();
      if (s.connections === 0) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    return stats();
  };
  const baseline = await settle();
  console.log(`\n${opts.churn} connections opened and closed (startup, one SELECT, Terminate), 50 at a time; server after a full GC:`);
  console.log(`${'when'.padEnd(22)}${'seconds'.padStart(9)}${'errors'.padStart(8)}${'open fds'.padStart(10)}${'RSS'.padStart(11)}${'heap used'.padStart(11)}`);
  const line = (when: string, s: Stats, seconds = '', errors = '') =>
    console.log(`${when.padEnd(22)}${seconds.padStart(9)}${errors.padStart(8)}${String(s.fds).padStart(10)}${mb(s.rss).padStart(11)}${mb(s.heapUsed).padStart(11)}`);
  line('baseline', baseline);
  let last = baseline;
  for (let round = 1; round <= 3; round++) {
    const r = await load(['churn', HOST, String(pgPort), String(opts.churn), '50', SELECT]);
    last = await settle();
    line(`after round ${round}`, last, r.seconds.toFixed(2), String(r.errors));
  }
  console.log(
    `fds ${last.fds === baseline.fds ? 'back to' : 'NOT back to'} baseline (${last.fds} vs ${baseline.fds}); RSS ${mb(last.rss - baseline.rss)} and heap ${mb(last.heapUsed - baseline.heapUsed)} over baseline after ${3 * opts.churn} connections`,
  );

  // 3. Clients that vanish mid-query.
  const steadyAlone: Rate = await load(['rate', HOST, 'pg', String(pgPort), '1', String(opts.seconds), SELECT]);
  await post(http, '/__mock/override', { resource: SLOW_RESOURCE, latencyMs: 200 });
  const storm = await load(['abandon', HOST, String(pgPort), '200', SLOW, String(opts.seconds), SELECT]);
  await new Promise((r) => setTimeout(r, 400));
  await post(http, '/__mock/override', { resource: SLOW_RESOURCE });
  const after = await settle();
  console.log(
    `\n${storm.abandoned} clients sent a 200 ms SELECT and disconnected mid-query over ${opts.seconds} s, while one client kept querying: ` +
      `it was served ${storm.served} times (${(storm.served / opts.seconds).toFixed(0)}/s, p99 ${storm.p99.toFixed(2)} ms, ${storm.errors} errors; ` +
      `alone: ${steadyAlone.rps.toFixed(0)}/s, p99 ${steadyAlone.p99.toFixed(2)} ms); open fds afterwards ${after.fds} (baseline ${baseline.fds}), pg connections ${after.connections}`,
  );
  server?.kill('SIGTERM');
}

await main().catch((e) => {
  console.error(e);
  // The children (server, load) would keep this process, and the bench run, waiting: end them all.
  process.exit(1);
});

/**
 * Throughput of the standalone mock server against a bare node:http server, side by side.
 *
 *   npx tsx bench/mock-server.ts [--model /tmp/ms/model.json] [--seconds 3] [--rounds 3] [--connections 10]
 *
 * The model is the whole google microsite; when --model does not exist it is generated first with
 * `npm run generate -- --docs ../shared/corpus/google-microsite --out <dir> --quiet`.
 * Both servers run as child processes on 127.0.0.1; the load generator is wrk (one thread, N
 * keep-alive connections) when installed, else a keep-alive node:http client in this process.
 * Each case gets a 1 s warm-up; then the cases alternate for --rounds rounds (so that a noisy
 * moment hits all of them alike) and the medians are reported: requests/s, p50 and p99, and the
 * ratio to the bare server. Targets: SELECT at ≥ 40% of bare, p99 < 5 ms.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ensureModel as ensureModelFile } from './ensure-model.ts';

const opts = new Command()
  .option('--model <file>', 'model.json of the google microsite', '/tmp/ms/model.json')
  .option('--docs <dir>', 'docs to generate the model from when --model is missing', '../shared/corpus/google-microsite')
  .option('--seconds <n>', 'measured seconds per case and round', Number, 3)
  .option('--rounds <n>', 'rounds; cases alternate within each, medians are reported', Number, 3)
  .option('--no-pin', 'do not pin the servers and wrk to separate CPUs with taskset')
  .option('--connections <n>', 'concurrent keep-alive connections', Number, 10)
  .option('--client <kind>', 'wrk | node (default: wrk when installed)')
  .parse()
  .opts<{ model: string; docs: string; seconds: number; rounds: number; connections: number; client?: string; pin: boolean }>();

/** With taskset and ≥ 2 CPUs: servers on CPU 1, the load generator on CPU 0, so they never share one. */
const PIN = opts.pin && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).error === undefined;
const pinned = (cpu: number, command: string, args: string[]): [string, string[]] =>
  PIN ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];

/** Replaced by a counter in each request's body, so that INSERTs do not collide. */
const UNIQUE = '__N__';

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const children: ChildProcess[] = [];
const cleanup = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const ensureModel = (): void => ensureModelFile(opts.model, opts.docs);

/** Spawns a server and resolves with the URL it prints. */
function startServer(args: string[], pattern: RegExp): Promise<string> {
  const [command, argv] = pinned(1, process.execPath, args);
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const BARE_SERVER = `
const http = require('node:http');
const body = process.env.BARE_BODY;
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('bare listening on http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
`;

/** One request on a connection of its own (no keep-alive socket the server may just be closing). */
function send(url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (url: string, query: string) => send(`${url}/stackql`, JSON.stringify({ query }));
const reset = (url: string) => send(`${url}/__mock/reset`);

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

function parseDuration(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

function runWrk(url: string, body: string, seconds: number): Result {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  const script = join(dir, 'post.lua');
  // A body with __N__ gets a fresh number per request (one wrk thread, so they are unique).
  writeFileSync(
    script,
    body.includes(UNIQUE)
      ? `local n = 0\nlocal template = ${JSON.stringify(body)}\nlocal headers = { ["Content-Type"] = "application/json" }\n` +
          `request = function()\n  n = n + 1\n  return wrk.format("POST", nil, headers, (string.gsub(template, "${UNIQUE}", tostring(n))))\nend\n`
      : `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/json"\n`,
  );
  const [command, argv] = pinned(0, 'wrk', ['-t1', `-c${opts.connections}`, `-d${seconds}s`, '--latency', '-s', script, `${url}/stackql`]);
  const r = spawnSync(command, argv, {
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  });
  rmSync(dir, { recursive: true, force: true });
  const out = r.stdout ?? '';
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = parseDuration(/\s50%\s+(\S+)/.exec(out)?.[1] ?? '');
  const p99 = parseDuration(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk's output:\n${out}\n${r.stderr}`);
  return { rps, p50, p99, errors };
}

/** A closed-loop keep-alive load generator: `connections` loops, each one request at a time. */
async function runNode(url: string, body: string, seconds: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const target = new URL(`${url}/stackql`);
  let n = 0;
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const payload = Buffer.from(body.includes(UNIQUE) ? body.replaceAll(UNIQUE, String(++n)) : body);
      const started = performance.now();
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(payload);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors };
}

let runs = 0;
function run(url: string, query: string, seconds: number, useWrk: boolean): Promise<Result> {
  // Each run numbers its INSERTs afresh: a run prefix keeps them apart from earlier runs'.
  const body = JSON.stringify({ query: query.replaceAll(UNIQUE, `r${++runs}-${UNIQUE}`) });
  return useWrk ? Promise.resolve(runWrk(url, body, seconds)) : runNode(url, body, seconds);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  ensureModel();
  const useWrk = opts.client ? opts.client === 'wrk' : hasWrk();
  const startedAt = performance.now();
  const mockUrl = await startServer(
    ['--import', 'tsx', 'mocks/server/cli.ts', '--model', opts.model, '--port', '0', '--quiet'],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  const startup = (performance.now() - startedAt) / 1000;

  // A SELECT and an INSERT on a well-known resource, checked before loading the server with them.
  const select = "SELECT name, id, status, machineType FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a'";
  const insert =
    "INSERT INTO google.compute.instances (project, zone, data__name, data__machineType) SELECT 'bench-insert-project', 'us-east1-b', 'bench-vm-__N__', 'zones/us-east1-b/machineTypes/e2-small'";
  const selectAnswer = await post(mockUrl, select);
  const insertAnswer = await post(mockUrl, insert.replaceAll(UNIQUE, 'check'));
  for (const [what, answer] of [['SELECT', selectAnswer], ['INSERT', insertAnswer]] as const) {
    if (answer.status !== 200) throw new Error(`the mock answered the ${what} ${answer.status}: ${answer.text}`);
  }
  await reset(mockUrl);

  // The bare server answers every request with the bytes of the mock's SELECT answer.
  process.env.BARE_BODY = selectAnswer.text;
  const bareUrl = await startServer(['-e', BARE_SERVER], /listening on (http:\/\/127\.0\.0\.1:\d+)/);

  console.log(
    `model ${opts.model}: mock server up in ${startup.toFixed(1)} s; load: ${useWrk ? 'wrk -t1' : 'node keep-alive client'}, ` +
      `${opts.connections} connections, ${opts.rounds} rounds of ${opts.seconds} s per case (medians)${PIN ? ', servers on CPU 1 and wrk on CPU 0' : ''}; SELECT answer ${selectAnswer.text.length} bytes; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  const cases: Array<{ name: string; url: string; query: string; results: Result[] }> = [
    { name: 'bare node:http (fixed JSON)', url: bareUrl, query: select, results: [] },
    { name: 'mock SELECT', url: mockUrl, query: select, results: [] },
    { name: 'mock INSERT', url: mockUrl, query: insert, results: [] },
  ];
  for (const c of cases) await run(c.url, c.query, 1, useWrk); // warm-up: JIT, caches, first read of the scope
  for (let round = 0; round < opts.rounds; round++) {
    for (const c of cases) {
      // Every round starts from the seeded state: rows INSERTed by earlier rounds would otherwise
      // pile up (tens of thousands) and make the rounds incomparable.
      if (c.url === mockUrl) await reset(mockUrl);
      c.results.push(await run(c.url, c.query, opts.seconds, useWrk));
    }
  }
  const rows: Array<[string, Result]> = cases.map((c) => [
    c.name,
    {
      rps: median(c.results.map((r) => r.rps)),
      p50: median(c.results.map((r) => r.p50)),
      p99: median(c.results.map((r) => r.p99)),
      errors: c.results.reduce((n, r) => n + r.errors, 0),
    },
  ]);
  console.log(`rounds (req/s): ${cases.map((c) => `${c.name.split(' ')[0]} ${c.name.split(' ')[1]}: ${c.results.map((r) => r.rps.toFixed(0)).join(' / ')}`).join('; ')}`);

  const bare = rows[0][1].rps;
  console.log(`\n${'case'.padEnd(30)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'vs bare'.padStart(10)}${'errors'.padStart(8)}`);
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(30)}${r.rps.toFixed(0).padStart(10)}${r.p50.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${`${((r.rps / bare) * 100).toFixed(0)}%`.padStart(10)}${String(r.errors).padStart(8)}`,
    );
  }
  const sel = rows[1][1];
  const ok = sel.rps >= 0.4 * bare && sel.p99 < 5;
  console.log(`\ntarget (SELECT ≥ 40% of bare, p99 < 5 ms): ${ok ? 'met' : 'NOT met'}`);
  cleanup();
}

await main().catch((e) => {
  console.error(e);
  // The children (server, load) would keep this process, and the bench run, waiting: end them all.
  process.exit(1);
});

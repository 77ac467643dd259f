/**
 * Throughput of the standalone mock server against a bare node:http server, side by side.
 *
 *   npx tsx bench/mock-server.ts [--model .cache/bench/google-microsite/model.json] [--seconds 3] [--rounds 3] [--connections 10] [--client wrk|autocannon] [--baseline <tree>] [--semi-space MB] [--settle ms] [--gc] [--from dist|source]
 *
 * The model is the whole google microsite; when --model does not exist it is generated first with
 * `npm run generate -- --docs ../shared/corpus/google-microsite --out <dir> --quiet`.
 * Both servers run as child processes on 127.0.0.1; the load generator is wrk (one thread, N
 * keep-alive connections) when installed, else autocannon (a devDependency, N keep-alive
 * connections, in this process); the output names the one used. Cases: the bare server, a SELECT
 * of a scope (answered from the engine's answer cache once repeated), the same on a second mock
 * server started with --no-answer-cache (every SELECT run), a new-row INSERT (a fresh name per
 * request), and a SELECT by key in a scope of 1,000 and of 100,000 fixture rows (a different key per
 * request, on the server without the cache: the store's own lookup, no answer served twice). Each case is warmed up first (below); then the
 * cases alternate for --rounds rounds (so that a noisy moment hits all of them alike) and the
 * medians are reported: requests/s, p50 and p99, the ratio to the bare server, and the server's CPU
 * time per request (from /proc: less sensitive than req/s to the other processes of a shared
 * machine). Targets (issue 11): SELECT >= 60% and INSERT >= 40% of bare, p99 < 5 ms on a quiet
 * machine, SELECT by key at 100k rows within 2x of 1k.
 *
 * `--gc` also reports each mock case's garbage collections while measured (bench/gc-probe.mjs, loaded
 * into every mock server): scavenges per round and their pauses, the major GCs, the stalls that are
 * none of them (gaps between request starts: the store's growth was found that way), and the young
 * generation's size (V8 may shrink it after an idle period: mocks/server/young-generation.ts).
 * What makes a p99 is a pause that holds back the ~10 requests in flight, and wrk (not autocannon)
 * corrects for coordinated omission: it counts such a request again for every request that would
 * have been sent meanwhile, so one 30 ms pause weighs as ~1% of a 3 s round. This says which
 * pauses, and how long, beside the latencies they make. And, from /proc, how long the serving
 * thread waited for its CPU while runnable (schedstat) and how much CPU the process's other
 * threads took (V8's helpers: the compiler's, the collector's): pinned to one CPU, whatever they
 * run is a wait of the serving thread, as is another process on that CPU (so on a shared machine
 * the wait measures the neighbours too).
 *
 * The mock servers are `stackql-docgen mock` as the package runs it: compiled (`dist/generator/cli/bin.js
 * mock`; run.ts builds dist/ first, a --baseline tree must have been built too), relaunching itself
 * with the mock's Node flags (mocks/server/young-generation.ts). `--from source` runs
 * `mocks/server/cli.ts` through tsx instead (`npm run mock`): tsx's loader adds a thread with a heap
 * of its own (~28 MB once the sources are compiled) to the serving process and two isolates to the
 * one that waits for it, whose idle compactions share the pinned CPU.
 *
 * `--baseline <tree>` (another checkout of this project, e.g. a detached worktree of main) also
 * starts that tree's mock servers and runs its SELECT and INSERT cases in the same rounds: a change
 * and what it changes measured under the same load.
 *
 * Warm-up: steady state, as a user's long-running mock is. V8 compiles the hot functions (TurboFan)
 * on background threads, which, pinned, take turns with the serving thread on its one CPU: a round
 * measured while they run pays for them (stop 23: the first INSERT round). Measured with
 * `--trace-opt` (functions optimized per 3 s INSERT round, the first rounds right after start:
 * 268, 82, 14, 2, 0, 0): compiling goes on for about 10 s of load, not the 1 s warm-up there was.
 * So each case is loaded in 1 s slices, each after a reset as a round is (a reset's deopts and
 * recompiles, seen with --trace-deopt: 58 functions reoptimized after one, otherwise came in round 1), until the server's threads other than the serving one (the
 * compiler's; the collector has none when pinned, SQLite's idle) used under WARM_HELPERS_MS of CPU
 * in two slices in a row, after at least WARM_MIN_S slices and at most --warm-up seconds; the output gives
 * each case's seconds and its helpers' CPU in the last slice. Without /proc: --warm-up seconds.
 *
 * One server runs at a time. A user runs one mock server; this bench starts several (the cached
 * mock, one for INSERT, one without the answer cache, the bare server, the baseline's), all pinned
 * to the same CPU, and an idle node process is not idle: V8's memory reducer runs major GCs in it
 * a few seconds after its load stops, with helper threads, on the CPU the measured server has.
 * That put a SELECT p99 of 16 ms in the table where one server alone, by hand, gave 2 ms. So every
 * server is started in a process group of its own (the mock CLI's relaunched child included) and
 * stopped (SIGSTOP) while another one is measured; it is continued (SIGCONT), reset and given
 * --settle ms to run whatever it deferred (timers that fell due while stopped) before its case.
 * And the INSERT case has a server of its own: the rows it stores (tens of thousands a round) and
 * their garbage would otherwise be the heap the SELECT cases are measured on; the fixture scopes
 * of the SELECT-by-key cases live only on the server without the cache, which runs those cases.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { ensureModel as ensureModelFile } from './ensure-model.ts';

const opts = new Command()
  .option('--model <file>', 'model.json of the google microsite (generated here when missing; delete it to refresh)', '.cache/bench/google-microsite/model.json')
  .option('--docs <dir>', 'docs to generate the model from when --model is missing', '../shared/corpus/google-microsite')
  .option('--seconds <n>', 'measured seconds per case and round', Number, 3)
  .option('--rounds <n>', 'rounds; cases alternate within each, medians are reported', Number, 3)
  .option('--no-pin', 'do not pin the servers and wrk to separate CPUs with taskset')
  .option('--connections <n>', 'concurrent keep-alive connections', Number, 10)
  .option('--client <kind>', 'wrk | autocannon (default: wrk when installed)')
  .option('--baseline <tree>', "another checkout of the project whose mock server runs the SELECT and INSERT cases too, in the same rounds")
  .option('--semi-space <MB>', "the mock servers' semi-space size, --min- and --max-semi-space-size (default: the CLI's own, mocks/server/young-generation.ts); to compare pause length against pause count", Number)
  .option('--settle <ms>', 'after continuing a stopped server (and resetting it), wait this long before its case', Number, 250)
  .option('--gc', "also report each mock case's garbage collections while measured (scavenges and their pauses, major GCs)")
  .option('--from <what>', "the mock servers' code: dist (the compiled command, as the package runs it) or source (mocks/server/cli.ts through tsx, as `npm run mock`)", 'dist')
  .option('--warm-up <s>', "each case's warm-up: load in 1 s slices until the server's compiler threads settle (see the header), at most this many seconds", Number, 30)
  .parse()
  .opts<{ model: string; docs: string; seconds: number; rounds: number; connections: number; client?: string; pin: boolean; baseline?: string; settle: number; semiSpace?: number; gc?: boolean; warmUp: number; from: string }>();
if (!Number.isFinite(opts.warmUp) || opts.warmUp < 1) throw new Error('--warm-up takes a number of seconds >= 1');
if (opts.from !== 'dist' && opts.from !== 'source') throw new Error(`--from takes dist or source, not '${opts.from}'`);
const COMPILED_CLI = 'dist/generator/cli/bin.js';
for (const tree of ['.', ...(opts.baseline === undefined ? [] : [opts.baseline])]) {
  if (opts.from === 'dist' && !existsSync(join(tree, COMPILED_CLI))) throw new Error(`${join(tree, COMPILED_CLI)} is missing: run \`npm run build\` in ${resolve(tree)} (or measure --from source)`);
}

/** With --gc: where the servers' probes (bench/gc-probe.mjs) write their collections. */
const GC_DIR = opts.gc ? mkdtempSync(join(tmpdir(), 'mock-gc-')) : undefined;
if (GC_DIR !== undefined) process.env.GC_PROBE_DIR = GC_DIR;

/** With taskset and ≥ 2 CPUs: servers on CPU 1, the load generator on CPU 0, so they never share one. */
const PIN = opts.pin && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).error === undefined;
const pinned = (cpu: number, command: string, args: string[]): [string, string[]] =>
  PIN ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];

/** Replaced by a counter in each request's body, so that INSERTs do not collide. */
const UNIQUE = '__N__';
/** Replaced by the counter modulo KEYS (a key of the fixture scope), for SELECT by key. */
const KEY = '__K__';

/** One run's garbage collections (bench/gc-probe.mjs), over the server's processes. */
interface GcStats {
  scavenges: number;
  /** Median and longest scavenge pause, ms. */
  scavengeMedian: number;
  scavengeMax: number;
  /** Major GCs (mark-compact), and the longest, ms. */
  majors: number;
  majorMax: number;
  /** The young generation (new space, MiB) seen after the round's collections: smallest and largest. */
  youngMin: number;
  youngMax: number;
  /** Gaps over 5 ms between request starts that no collection overlaps (bench/gc-probe.mjs), ms. */
  stalls: number[];
  /** The serving thread's wait for its CPU while runnable, and the other threads' CPU, ms (NaN without /proc). */
  waitMs: number;
  helpersMs: number;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU (user + system) per request, microseconds; NaN where /proc is not there. */
  cpuUs: number;
  gc?: GcStats;
}

const children: ChildProcess[] = [];
const cleanup = () => {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    // A stopped group must be continued to act on SIGTERM (the mock CLI passes it to its child).
    signalGroup(c.pid!, 'SIGCONT');
    signalGroup(c.pid!, 'SIGTERM');
  }
};

/** Signals a server's process group (started detached: the server and any process it started). */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

interface Server {
  url: string;
  pid: number;
  /** Started with bench/gc-probe.mjs (--gc, mock servers only): answers SIGUSR2 with its collections. */
  probed?: boolean;
}

/** The server being measured: continued; every other one stopped (see the header). */
let running: Server | undefined;
let servers: Server[] = [];
function runAlone(server: Server): void {
  if (running === server) return;
  for (const other of servers) if (other !== server) signalGroup(other.pid, 'SIGSTOP');
  signalGroup(server.pid, 'SIGCONT');
  running = server;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const ensureModel = (): void => ensureModelFile(opts.model, opts.docs);

/** Spawns a server and resolves with the URL it prints (and its pid, for its CPU time). */
function startServer(args: string[], pattern: RegExp, cwd?: string): Promise<Server> {
  const [command, argv] = pinned(1, process.execPath, args);
  // detached: a process group of its own, stopped and continued as one (runAlone).
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'], cwd, detached: true });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], pid: child.pid!, probed: args.some((a) => a.endsWith('gc-probe.mjs')) });
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
const loadFixtures = (url: string, fixtures: unknown) => send(`${url}/__mock/fixtures`, JSON.stringify(fixtures));

/**
 * CPU seconds (user + system) a server has used, from /proc: the process (taskset execs, so the
 * pid is node's) and its children (the mock CLI serves from a child process with a larger young
 * generation: mocks/server/young-generation.ts).
 */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    let seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
    for (const child of childrenOf(pid)) seconds += cpuSeconds(child);
    return seconds;
  } catch {
    return Number.NaN;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter((w) => w !== '').map(Number);
  } catch {
    return [];
  }
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

function parseDuration(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

function runWrk(url: string, body: string, seconds: number, keys: number): Omit<Result, 'cpuUs'> {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  const script = join(dir, 'post.lua');
  // A body with __N__ gets a fresh number per request, __K__ that number modulo `keys` (one wrk
  // thread, so they are unique).
  writeFileSync(
    script,
    body.includes(UNIQUE) || body.includes(KEY)
      ? `local n = 0\nlocal template = ${JSON.stringify(body)}\nlocal headers = { ["Content-Type"] = "application/json" }\n` +
          `request = function()\n  n = n + 1\n  local b = string.gsub(template, "${UNIQUE}", tostring(n))\n  b = string.gsub(b, "${KEY}", tostring(n % ${keys}))\n  return wrk.format("POST", nil, headers, b)\nend\n`
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

/** autocannon, in this process (pinned to CPU 0 with the rest of this script when pinning). */
async function runAutocannon(url: string, body: string, seconds: number, keys: number): Promise<Omit<Result, 'cpuUs'>> {
  let n = 0;
  const varies = body.includes(UNIQUE) || body.includes(KEY);
  const result = await autocannon({
    url: `${url}/stackql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: opts.connections,
    duration: seconds,
    body,
    requests: varies
      ? [
          {
            setupRequest: (req: autocannon.Request) => {
              n++;
              return { ...req, body: body.replaceAll(UNIQUE, String(n)).replaceAll(KEY, String(n % keys)) };
            },
          },
        ]
      : undefined,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

let runs = 0;
async function run(server: Server, query: string, seconds: number, useWrk: boolean, keys = 1): Promise<Result> {
  // Each run numbers its INSERTs afresh: a run prefix keeps them apart from earlier runs'.
  const body = JSON.stringify({ query: query.replaceAll(UNIQUE, `r${++runs}-${UNIQUE}`) });
  const probed = GC_DIR !== undefined && server.probed === true;
  // The probes' collections so far are written and dropped: what is read after the run is the run's.
  if (probed) await collections(server);
  const cpuBefore = cpuSeconds(server.pid);
  const threadsBefore = probed ? threadTimes(server.pid) : undefined;
  const r = useWrk ? runWrk(server.url, body, seconds, keys) : await runAutocannon(server.url, body, seconds, keys);
  const requests = r.rps * seconds;
  const cpuUs = ((cpuSeconds(server.pid) - cpuBefore) / requests) * 1e6;
  if (!probed) return { ...r, cpuUs };
  const threadsAfter = threadTimes(server.pid);
  return { ...r, cpuUs, gc: { ...gcStats(await collections(server)), waitMs: threadsAfter.waitMs - threadsBefore!.waitMs, helpersMs: threadsAfter.helpersMs - threadsBefore!.helpersMs } };
}

/** A warm-up slice whose helper threads used less CPU than this (ms) ends the warm-up (see the header). */
const WARM_HELPERS_MS = 10;
const WARM_MIN_S = 2;

/** Loads a server in 1 s slices until its compiler threads settle (see the header); says how long it took. */
async function warmUp(server: Server, query: string, useWrk: boolean, keys: number | undefined, resets: boolean): Promise<string> {
  let quiet = 0;
  for (let second = 1; ; second++) {
    // Each slice starts as a measured round does (with a reset): a reset's first runs, and the
    // requests after it (the store's new objects, the control request's own connection), send V8
    // down paths the load alone does not, and their deopts and recompiles came in round 1 instead.
    if (resets) await reset(server.url);
    const before = threadTimes(server.pid).helpersMs;
    await run(server, query, 1, useWrk, keys);
    const helpers = threadTimes(server.pid).helpersMs - before;
    if (Number.isNaN(helpers)) {
      if (second >= opts.warmUp) return `${second} s (no /proc: fixed)`;
      continue;
    }
    // Two quiet slices in a row: the compiler may pause between two waves of hot functions.
    quiet = helpers < WARM_HELPERS_MS ? quiet + 1 : 0;
    if ((second >= WARM_MIN_S && quiet >= 2) || second >= opts.warmUp) {
      return `${second} s (helpers ${helpers.toFixed(0)} ms in the last${quiet >= 2 ? '' : ': NOT settled'})`;
    }
  }
}

/**
 * The serving process's threads so far (the mock CLI's relaunched child when there is one, else
 * the process itself): its main thread's wait for a CPU while runnable (/proc schedstat, ns) and
 * the other threads' CPU (their schedstat run time: ns, where utime + stime count 10 ms ticks), in ms.
 * NaN where /proc lacks them.
 */
function threadTimes(pid: number): { waitMs: number; helpersMs: number } {
  const serving = childrenOf(pid)[0] ?? pid;
  try {
    const waitMs = Number(readFileSync(`/proc/${serving}/task/${serving}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
    let helpersMs = 0;
    for (const tid of readdirSync(`/proc/${serving}/task`)) {
      if (Number(tid) === serving) continue;
      try {
        helpersMs += Number(readFileSync(`/proc/${serving}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      } catch {
        // A thread that ended meanwhile.
      }
    }
    return { waitMs, helpersMs };
  } catch {
    return { waitMs: Number.NaN, helpersMs: Number.NaN };
  }
}

/** What a server's probes saw since the last call (bench/gc-probe.mjs). */
interface Probed {
  /** [kind, ms, young MiB] */
  gc: Array<[number, number, number]>;
  stalls: number[];
}

/** The collections (and stalls) a server's processes had since the last call. */
async function collections(server: Server): Promise<Probed> {
  for (const f of readdirSync(GC_DIR!)) rmSync(join(GC_DIR!, f));
  signalGroup(server.pid, 'SIGUSR2');
  // The probes write at their next turn of the event loop; a server (and its relaunched child) writes one file each.
  const processes = 1 + childrenOf(server.pid).length;
  for (let waited = 0; readdirSync(GC_DIR!).length < processes && waited < 2_000; waited += 20) await sleep(20);
  await sleep(20);
  const probed = readdirSync(GC_DIR!).map((f) => JSON.parse(readFileSync(join(GC_DIR!, f), 'utf8')) as Probed);
  return { gc: probed.flatMap((p) => p.gc), stalls: probed.flatMap((p) => p.stalls) };
}

/** perf_hooks.constants.NODE_PERFORMANCE_GC_MINOR and _MAJOR. */
const GC_MINOR = 1;
const GC_MAJOR = 4;

function gcStats({ gc: entries, stalls }: Probed): Omit<GcStats, 'waitMs' | 'helpersMs'> {
  const scavenges = entries.filter(([kind]) => kind === GC_MINOR).map(([, ms]) => ms);
  const majors = entries.filter(([kind]) => kind === GC_MAJOR).map(([, ms]) => ms);
  // The relaunching parent collects nothing while it waits: the sizes are the serving process's.
  const young = entries.map(([, , mib]) => mib);
  return {
    youngMin: young.length === 0 ? Number.NaN : Math.min(...young),
    youngMax: young.length === 0 ? Number.NaN : Math.max(...young),
    scavenges: scavenges.length,
    scavengeMedian: scavenges.length === 0 ? 0 : median(scavenges),
    scavengeMax: Math.max(0, ...scavenges),
    majors: majors.length,
    majorMax: Math.max(0, ...majors),
    stalls,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  ensureModel();
  const useWrk = opts.client ? opts.client === 'wrk' : hasWrk();
  // autocannon runs in this process: keep it off the servers' CPU.
  if (PIN && !useWrk) spawnSync('taskset', ['-pc', '0', String(process.pid)]);
  const startedAt = performance.now();
  // A size given here is a Node flag of the server process itself, which then serves without the CLI's relaunch.
  const mockArgs = [
    // Both bounds, as the CLI's relaunch gives them (young-generation.ts): a size, not a ceiling;
    // and, pinned to one CPU, the collector without helper threads, as the relaunch would.
    ...(opts.semiSpace === undefined ? [] : [`--min-semi-space-size=${opts.semiSpace}`, `--max-semi-space-size=${opts.semiSpace}`, ...(PIN ? ['--single-threaded-gc'] : [])]),
    // A file URL: the baseline's servers start in another folder.
    ...(GC_DIR === undefined ? [] : ['--import', pathToFileURL(resolve('bench/gc-probe.mjs')).href]),
    ...(opts.from === 'dist' ? [COMPILED_CLI, 'mock'] : ['--import', 'tsx', 'mocks/server/cli.ts']),
    '--model', resolve(opts.model), '--port', '0', '--quiet',
  ];
  const mock = await startServer(mockArgs, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const startup = (performance.now() - startedAt) / 1000;
  const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
  // The INSERT case's own server (see the header).
  const inserter = await startServer(mockArgs, listening);
  // The same server, every SELECT run: what the cache adds, and lookups no cache can serve.
  const uncached = await startServer([...mockArgs, '--no-answer-cache'], listening);
  const baseline = opts.baseline === undefined ? undefined : await startServer(mockArgs, listening, resolve(opts.baseline));
  const baselineInserter = opts.baseline === undefined ? undefined : await startServer(mockArgs, listening, resolve(opts.baseline));
  const baselineUncached = opts.baseline === undefined ? undefined : await startServer([...mockArgs, '--no-answer-cache'], listening, resolve(opts.baseline));

  // A SELECT and an INSERT on a well-known resource, checked before loading the server with them.
  const select = "SELECT name, id, status, machineType FROM google.compute.instances WHERE project = 'bench-project' AND zone = 'us-central1-a'";
  const insert =
    "INSERT INTO google.compute.instances (project, zone, data__name, data__machineType) SELECT 'bench-insert-project', 'us-east1-b', 'bench-vm-__N__', 'zones/us-east1-b/machineTypes/e2-small'";
  // One scope of 1,000 and one of 100,000 fixture rows; a SELECT by key in each (issue 11: flat).
  const SMALL = 1_000;
  const LARGE = 100_000;
  const byKey = (project: string) => `SELECT name, id, status FROM google.compute.instances WHERE project = '${project}' AND zone = 'us-central1-a' AND instance = 'vm-${KEY}'`;
  {
    const server = uncached;
    for (const [project, rows] of [['bench-1k', SMALL], ['bench-100k', LARGE]] as const) {
      // In chunks under the 1 MiB body limit.
      for (let from = 0; from < rows; from += 20_000) {
        const chunk = Array.from({ length: Math.min(20_000, rows - from) }, (_, i) => ({ name: `vm-${from + i}` }));
        const r = await loadFixtures(server.url, { 'google.compute.instances': [{ scope: { project, zone: 'us-central1-a' }, rows: chunk }] });
        if (r.status !== 200) throw new Error(`fixtures refused: ${r.status} ${r.text}`);
      }
    }
  }
  const checks: Array<[string, string]> = [
    ['SELECT', select],
    ['INSERT', insert.replaceAll(UNIQUE, 'check')],
    ['SELECT by key (100k)', byKey('bench-100k').replaceAll(KEY, '99999')],
  ];
  let selectAnswer = '';
  const checked: Array<[Server, Array<[string, string]>]> = [
    [mock, checks.slice(0, 1)],
    [inserter, checks.slice(1, 2)],
    [uncached, [checks[0]!, checks[2]!]],
    ...(baseline ? ([[baseline, checks.slice(0, 1)], [baselineInserter!, checks.slice(1, 2)], [baselineUncached!, checks.slice(0, 1)]] as Array<[Server, Array<[string, string]>]>) : []),
  ];
  for (const [server, serverChecks] of checked) {
    for (const [what, query] of serverChecks) {
      const answer = await post(server.url, query);
      if (answer.status !== 200) throw new Error(`the mock answered the ${what} ${answer.status}: ${answer.text}`);
      if (what === 'SELECT') {
        // Both servers answer the same rows (the metadata's times aside).
        const data = JSON.stringify((JSON.parse(answer.text) as { data: unknown }).data);
        if (selectAnswer !== '' && data !== JSON.stringify((JSON.parse(selectAnswer) as { data: unknown }).data)) throw new Error('the servers with and without the answer cache answered the SELECT differently');
        selectAnswer = answer.text;
      }
      if (what.startsWith('SELECT by key') && (JSON.parse(answer.text) as { data: unknown[] }).data.length !== 1) throw new Error(`the ${what} found no row: ${answer.text}`);
    }
    await reset(server.url);
  }

  // The bare server answers every request with the bytes of the mock's SELECT answer.
  process.env.BARE_BODY = selectAnswer;
  const bare = await startServer(['-e', BARE_SERVER], listening);
  servers = [mock, inserter, uncached, bare, ...(baseline ? [baseline, baselineInserter!, baselineUncached!] : [])];

  const generator = useWrk ? 'wrk -t1' : 'autocannon (in-process)';
  console.log(
    `model ${opts.model}: mock server (${opts.from === 'dist' ? `${COMPILED_CLI} mock` : 'mocks/server/cli.ts through tsx'}) up in ${startup.toFixed(1)} s; load generator: ${generator}, ` +
      `${opts.connections} keep-alive connections, ${opts.rounds} rounds of ${opts.seconds} s per case (medians)${PIN ? ', servers on CPU 1 and the load generator on CPU 0' : ''}, each server alone (the others stopped, ${opts.settle} ms to settle after continuing)${opts.semiSpace === undefined ? '' : `, mock servers with --min/max-semi-space-size=${opts.semiSpace}`}; SELECT answer ${selectAnswer.length} bytes; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  const cases: Array<{ name: string; server: Server; query: string; keys?: number; results: Result[] }> = [
    { name: 'bare node:http (fixed JSON)', server: bare, query: select, results: [] },
    { name: 'mock SELECT (a scope)', server: mock, query: select, results: [] },
    { name: 'mock INSERT (a new row)', server: inserter, query: insert, results: [] },
    { name: 'mock SELECT by key, 1k rows', server: uncached, query: byKey('bench-1k'), keys: SMALL, results: [] },
    { name: 'mock SELECT by key, 100k rows', server: uncached, query: byKey('bench-100k'), keys: LARGE, results: [] },
    { name: 'mock SELECT (a scope), no cache', server: uncached, query: select, results: [] },
  ];
  if (baseline) {
    cases.push(
      { name: 'baseline SELECT (a scope)', server: baseline, query: select, results: [] },
      { name: 'baseline INSERT (a new row)', server: baselineInserter!, query: insert, results: [] },
      { name: 'baseline SELECT, no cache', server: baselineUncached!, query: select, results: [] },
    );
  }
  const warmed: string[] = [];
  for (const c of cases) {
    // warm-up: JIT, caches, first read of the scope
    runAlone(c.server);
    await sleep(opts.settle);
    warmed.push(`${c.name} ${await warmUp(c.server, c.query, useWrk, c.keys, c.server !== bare)}`);
  }
  console.log(`warm-up (1 s slices of load until the server's compiler threads used < ${WARM_HELPERS_MS} ms of CPU in two in a row, at least ${WARM_MIN_S}, at most ${opts.warmUp}): ${warmed.join('; ')}`);
  for (let round = 0; round < opts.rounds; round++) {
    for (const c of cases) {
      runAlone(c.server);
      // Every round starts from the seeded state (and the fixtures): rows INSERTed by earlier rounds
      // would otherwise pile up (tens of thousands) and make the rounds incomparable.
      if (c.server !== bare) await reset(c.server.url);
      await sleep(opts.settle);
      c.results.push(await run(c.server, c.query, opts.seconds, useWrk, c.keys));
    }
  }
  const rows: Array<[string, Result]> = cases.map((c) => [
    c.name,
    {
      rps: median(c.results.map((r) => r.rps)),
      p50: median(c.results.map((r) => r.p50)),
      p99: median(c.results.map((r) => r.p99)),
      errors: c.results.reduce((n, r) => n + r.errors, 0),
      cpuUs: median(c.results.map((r) => r.cpuUs)),
    },
  ]);
  console.log(`rounds (req/s): ${cases.map((c) => `${c.name}: ${c.results.map((r) => r.rps.toFixed(0)).join(' / ')}`).join('; ')}`);
  // The tail is erratic (a GC pause lands in one round and not the next): each round's p99, not only the median.
  console.log(`rounds (p99 ms): ${cases.map((c) => `${c.name}: ${c.results.map((r) => r.p99.toFixed(2)).join(' / ')}`).join('; ')}`);
  if (GC_DIR !== undefined) {
    // Per round: scavenges, their median and longest pause; major GCs and the longest; the young
    // generation's size; the serving thread's wait for its CPU and the other threads' CPU.
    const young = (g: GcStats) => (Number.isNaN(g.youngMin) ? '' : g.youngMin === g.youngMax ? `, young ${g.youngMin} MiB` : `, young ${g.youngMin}-${g.youngMax} MiB`);
    const threads = (g: GcStats) => (Number.isNaN(g.waitMs) ? '' : `, waited ${g.waitMs.toFixed(0)} ms, helpers ${g.helpersMs.toFixed(0)} ms`);
    const stalled = (g: GcStats) => (g.stalls.length === 0 ? ', no stall' : `, stalls ${g.stalls.map((ms) => ms.toFixed(1)).join(' ')} ms`);
    const round = (g: GcStats | undefined) =>
      g === undefined ? '-' : `${g.scavenges} x ${g.scavengeMedian.toFixed(2)} (max ${g.scavengeMax.toFixed(1)})${g.majors > 0 ? ` + ${g.majors} major (max ${g.majorMax.toFixed(1)})` : ''}${young(g)}${threads(g)}${stalled(g)}`;
    console.log(`rounds (GC: scavenges x median pause ms, longest; young generation; serving thread's CPU wait, other threads' CPU; stalls: gaps over 5 ms between request starts outside any collection): ${cases.filter((c) => c.results.some((r) => r.gc)).map((c) => `${c.name}: ${c.results.map((r) => round(r.gc)).join(' / ')}`).join('; ')}`);
    rmSync(GC_DIR, { recursive: true, force: true });
  }

  const bareRps = rows[0][1].rps;
  const bareCpu = rows[0][1].cpuUs;
  console.log(`\n${'case'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs bare'.padStart(9)}${'CPU us/req'.padStart(12)}${'CPU vs bare'.padStart(13)}${'errors'.padStart(8)}`);
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(34)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${`${((r.rps / bareRps) * 100).toFixed(0)}%`.padStart(9)}` +
        `${r.cpuUs.toFixed(0).padStart(12)}${`${((bareCpu / r.cpuUs) * 100).toFixed(0)}%`.padStart(13)}${String(r.errors).padStart(8)}`,
    );
  }
  const [, sel] = rows[1];
  const [, ins] = rows[2];
  const [, small] = rows[3];
  const [, large] = rows[4];
  const [, plain] = rows[5];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`\n(CPU vs bare: the bare server's CPU per request over the case's, i.e. the req/s ratio one free core would give.)`);
  console.log(`target SELECT >= 60% of bare: ${verdict(sel.rps >= 0.6 * bareRps)} (${((sel.rps / bareRps) * 100).toFixed(0)}% by req/s, ${((bareCpu / sel.cpuUs) * 100).toFixed(0)}% by CPU per request)`);
  console.log(`target INSERT >= 40% of bare: ${verdict(ins.rps >= 0.4 * bareRps)} (${((ins.rps / bareRps) * 100).toFixed(0)}% by req/s, ${((bareCpu / ins.cpuUs) * 100).toFixed(0)}% by CPU per request)`);
  console.log(`target p99 < 5 ms (quiet machine): SELECT ${verdict(sel.p99 < 5)} (${sel.p99.toFixed(2)} ms), INSERT ${verdict(ins.p99 < 5)} (${ins.p99.toFixed(2)} ms); bare ${rows[0][1].p99.toFixed(2)} ms in the same run`);
  console.log(`SELECT of a scope without the answer cache (every SELECT run): ${((plain.rps / bareRps) * 100).toFixed(0)}% of bare by req/s, ${((bareCpu / plain.cpuUs) * 100).toFixed(0)}% by CPU per request; the SELECTs by key ran without it too`);
  console.log(`target SELECT by key 100k within 2x of 1k: ${verdict(small.rps / large.rps <= 2 && large.p50 / small.p50 <= 2)} (req/s 1k/100k ${(small.rps / large.rps).toFixed(2)}, p50 100k/1k ${(large.p50 / small.p50).toFixed(2)}, CPU/req 100k/1k ${(large.cpuUs / small.cpuUs).toFixed(2)})`);
  if (baseline) {
    const vs = (mine: Result, base: Result) => `req/s ${(mine.rps / base.rps).toFixed(2)}x, CPU per request ${(mine.cpuUs / base.cpuUs).toFixed(2)}x`;
    console.log(`this tree vs ${opts.baseline}: SELECT ${vs(sel, rows[6]![1])}; INSERT ${vs(ins, rows[7]![1])}; SELECT without the cache ${vs(plain, rows[8]![1])}`);
  }
  cleanup();
}

await main().catch((e) => {
  console.error(e);
  // The children (server, load) would keep this process, and the bench run, waiting: end them all.
  process.exit(1);
});

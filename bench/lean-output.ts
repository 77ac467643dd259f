/**
 * What a whole provider's output weighs and what the tests that load it cost (issue 11 item 1),
 * beside the layout before it (`--baseline <git ref>`, default c69b002: the mock's model a 30 MB
 * TypeScript module, model.json pretty-printed with statement trees) generated in the same run,
 * and beside a bare vitest run (one empty test) on the same machine:
 *
 *   - bytes and files per output folder (google microsite);
 *   - an MSW test that imports one service's handlers (google.compute) and runs one SELECT: the
 *     new per-service entry, against the old whole-model entry (there was no other); with the
 *     config the README gives (vitest-deps.ts in server.deps.external) and with vitest's defaults;
 *   - one resource's contract suite (google.compute.instances);
 *   - every google contract suite as the README runs them on one machine: one vitest with the
 *     generated config's defaults (a worker per core, --heap-growing-percent=50), new only unless
 *     `--whole-baseline` (the old layout took 4 min), a first run (the transform cache on disk
 *     emptied) and the next; the same config without vitest-deps.ts (so
 *     vitest transforms the runtime), same run; and with `--shards` the same files as
 *     `vitest --shard 1/2` and `2/2` at once with `--maxWorkers=1` each (the layout the README
 *     recommended before: two main processes instead of one).
 *
 * Time is wall clock, median of `--runs` (3) (the whole-provider rows also give the CPU seconds of
 * the process tree, steadier than wall time on a shared machine); memory the peak of the summed RSS
 * of the vitest process tree, sampled every 50 ms. Outputs go to .cache/bench-lean/ (inside the project, so the
 * emitted files resolve vitest and msw as a user's app would). `npm run bench -- --only lean-output`;
 * `npx tsx bench/lean-output.ts --baseline main --no-whole` for the one-service test and one suite
 * beside main's output (the same per-service test), without the whole-provider runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const RUNS = Number(flag('--runs', '3'));
const BASELINE = flag('--baseline', 'c69b002');
const WHOLE_BASELINE = args.includes('--whole-baseline');
const ROOT = resolve('.');
const WORK = join(ROOT, '.cache', 'bench-lean');
const DOCS = resolve('../shared/corpus/google-microsite');
const SERVICE = 'google/compute';
const SUITE = 'contract/google/compute/instances.test.ts';

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface Run {
  ms: number;
  /** Peak of the summed RSS of the process and its descendants, bytes. */
  rss: number;
  /**
   * CPU seconds (user + system) of the process tree, each process's last reading every 50 ms: on
   * a shared machine a steadier measure than wall time (the workers and vitest's main process
   * share the cores, so what they cost in all is what a quiet machine's wall time follows).
   */
  cpu: number;
  ok: boolean;
  tail: string;
}

const TICKS_PER_SECOND = 100; // USER_HZ, as /proc/<pid>/stat counts utime and stime

/** Summed RSS of `pid` and its descendants, from /proc; each one's CPU ticks so far into `cpu`. */
function treeRss(pid: number, cpu?: Map<number, number>): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  for (const [p] of rss) {
    for (let q: number | undefined = p; q !== undefined && q > 1; q = parent.get(q)) {
      if (q === pid) {
        sum += rss.get(p)!;
        cpu?.set(p, ticks.get(p)!);
        break;
      }
    }
  }
  return sum;
}

function measure(command: string, argv: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let peak = 0;
    const cpu = new Map<number, number>();
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!, cpu))), 50);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = [...cpu.values()].reduce((a, t) => a + t, 0) / TICKS_PER_SECOND;
      done({ ms: performance.now() - started, rss: peak, cpu: seconds, ok: code === 0, tail: out.trim().split('\n').slice(-8).join('\n') });
    });
  });
}

async function medianOf(command: string, argv: string[], cwd: string, runs = RUNS): Promise<Run> {
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(command, argv, cwd));
  const failed = all.find((r) => !r.ok);
  if (failed) throw new Error(`${argv.join(' ')} in ${cwd} failed:\n${failed.tail}`);
  return { ms: median(all.map((r) => r.ms)), rss: median(all.map((r) => r.rss)), cpu: median(all.map((r) => r.cpu)), ok: true, tail: '' };
}

function folderSizes(dir: string): Map<string, { bytes: number; files: number }> {
  const out = new Map<string, { bytes: number; files: number }>();
  const walk = (path: string, top: string) => {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('bench-')) continue;
      const p = join(path, e.name);
      const key = top || (e.isDirectory() ? `${e.name}/` : e.name);
      if (e.isDirectory()) walk(p, key);
      else {
        const s = out.get(key) ?? { bytes: 0, files: 0 };
        s.bytes += statSync(p).size;
        s.files++;
        out.set(key, s);
      }
    }
  };
  walk(dir, '');
  return out;
}

/** The generator at `ref`, unpacked beside the outputs, using this checkout's node_modules. */
function baselineSource(): string {
  const src = join(WORK, `src-${BASELINE}`);
  if (!existsSync(join(src, 'package.json'))) {
    mkdirSync(src, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${BASELINE} | tar -x -C ${JSON.stringify(src)}`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  }
  return src;
}

async function generate(src: string, out: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  const run = await measure(process.execPath, ['--import', 'tsx', join(src, 'generator/cli/bin.ts'), 'generate', '--docs', DOCS, '--out', out, '--quiet', '--no-cache'], src);
  if (!run.ok) throw new Error(`generate failed:\n${run.tail}`);
  return run.ms;
}

const ONE_SERVICE_TEST = (entry: string) => `import { setupServer } from 'msw/node';
import { expect, test } from 'vitest';
import { createHandlers } from '${entry}';

test('one SELECT against the generated handlers', async () => {
  const server = setupServer(...createHandlers({ baseUrl: 'http://mock.test' }));
  server.listen({ onUnhandledRequest: 'error' });
  const res = await fetch('http://mock.test/stackql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: "SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'z'" }),
  });
  expect(res.status).toBe(200);
  server.close();
});
`;
const BARE_TEST = `import { expect, test } from 'vitest';\ntest('nothing', () => expect(1).toBe(1));\n`;

function prepare(out: string, entry: string): void {
  writeFileSync(join(out, 'bench-one-service.test.ts'), ONE_SERVICE_TEST(entry));
  writeFileSync(join(out, 'bench-bare.test.ts'), BARE_TEST);
  const cacheDir = JSON.stringify(join(WORK, 'vite-cache'));
  writeFileSync(join(out, 'bench-vitest.config.ts'), `export default { test: { include: ['bench-*.test.ts'] }, cacheDir: ${cacheDir} };\n`);
  // As the README tells users to (when the output has vitest-deps.ts): the runtime imported untransformed.
  if (existsSync(join(out, 'vitest-deps.ts'))) {
    writeFileSync(
      join(out, 'bench-vitest-deps.config.ts'),
      `import { runtimeModules } from './vitest-deps.js';\nexport default { test: { include: ['bench-*.test.ts'], server: { deps: { external: runtimeModules } } }, cacheDir: ${cacheDir} };\n`,
    );
  }
}

const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
const runVitest = (out: string, ...rest: string[]) => medianOf(process.execPath, [vitest, 'run', ...rest], out);
const row = (what: string, r: Run, base?: Run, bare?: Run) =>
  `| ${what} | ${(r.ms / 1000).toFixed(2)} s | ${mb(r.rss)} | ${base ? `${(r.ms / base.ms).toFixed(2)}x time, ${(r.rss / base.rss).toFixed(2)}x memory` : ''} | ${bare ? `${(r.ms / bare.ms).toFixed(2)}x` : ''} |`;

mkdirSync(WORK, { recursive: true });
const lines: string[] = ['## lean-output: a whole provider\'s output and the tests that load it (issue 11 item 1)', ''];
lines.push(`google microsite (${DOCS.split('/').slice(-1)[0]}), ${RUNS} runs each; baseline: the output of \`${BASELINE}\` generated in the same run. Load average at start ${load()}.`, '');

const newOut = join(WORK, 'new');
const baseOut = join(WORK, 'base');
console.error('lean-output: generate (this checkout, then the baseline)');
await generate(ROOT, newOut);
await generate(baselineSource(), baseOut);

const sizes = [folderSizes(newOut), folderSizes(baseOut)];
const keys = [...new Set([...sizes[1]!.keys(), ...sizes[0]!.keys()])].sort();
const total = (m: Map<string, { bytes: number; files: number }>) => [...m.values()].reduce((a, s) => ({ bytes: a.bytes + s.bytes, files: a.files + s.files }), { bytes: 0, files: 0 });
lines.push('### output size', '', '| folder | now | files | baseline | files |', '| --- | --- | --- | --- | --- |');
for (const k of keys) {
  const [n, b] = [sizes[0]!.get(k), sizes[1]!.get(k)];
  lines.push(`| ${k} | ${n ? mb(n.bytes) : '-'} | ${n?.files ?? 0} | ${b ? mb(b.bytes) : '-'} | ${b?.files ?? 0} |`);
}
const [tn, tb] = [total(sizes[0]!), total(sizes[1]!)];
lines.push(`| **total** | **${mb(tn.bytes)}** | ${tn.files} | ${mb(tb.bytes)} | ${tb.files} |`, '', `Target: <= 40 MB. Now ${(tn.bytes / tb.bytes).toFixed(2)}x the baseline's bytes.`, '');

// A baseline with per-service entries (`--baseline main`) runs the same test as this checkout.
const baseEntry = existsSync(join(baseOut, 'mocks', SERVICE, 'index.ts')) ? `./mocks/${SERVICE}/index.js` : './mocks/handlers.js';
prepare(newOut, `./mocks/${SERVICE}/index.js`);
prepare(baseOut, baseEntry);
console.error('lean-output: one-service MSW test, bare vitest, one contract suite');
const bare = await runVitest(newOut, '--config', 'bench-vitest.config.ts', 'bench-bare.test.ts');
const withDeps = existsSync(join(newOut, 'bench-vitest-deps.config.ts'));
const oneNew = await runVitest(newOut, '--config', withDeps ? 'bench-vitest-deps.config.ts' : 'bench-vitest.config.ts', 'bench-one-service.test.ts');
const oneNoDeps = withDeps ? await runVitest(newOut, '--config', 'bench-vitest.config.ts', 'bench-one-service.test.ts') : undefined;
const oneBase = await runVitest(baseOut, '--config', 'bench-vitest.config.ts', 'bench-one-service.test.ts');
const suiteNew = await runVitest(newOut, '--config', 'contract/vitest.config.ts', SUITE);
const suiteBase = await runVitest(baseOut, '--config', 'contract/vitest.config.ts', SUITE);
lines.push('### tests that load the output', '', `Load average before: ${load()}.`, '');
lines.push('| what | wall (median) | peak RSS, process tree | vs baseline | vs bare vitest |', '| --- | --- | --- | --- | --- |');
lines.push(row('bare vitest run (one empty test)', bare));
lines.push(row(`MSW test, one service's handlers (mocks/${SERVICE}/index.ts), one SELECT${withDeps ? ', config with vitest-deps.ts' : ''}`, oneNew, oneBase, bare));
if (oneNoDeps) lines.push(row('  the same test, vitest\'s defaults (no vitest-deps.ts in the config)', oneNoDeps, oneBase, bare));
lines.push(row(`  baseline: the same test through ${baseEntry.replace(/\.js$/, '.ts').slice(2)}`, oneBase, undefined, bare));
lines.push(row(`one resource's contract suite (${SUITE})`, suiteNew, suiteBase, bare));
lines.push(row('  baseline: the same suite', suiteBase, undefined, bare));
lines.push('', 'Targets: one service\'s MSW test <= 2 s and <= 300 MB; one resource\'s contract suite <= 3 s.', '');

if (args.includes('--no-whole')) {
  console.log(lines.join('\n'));
  process.exit(0);
}

const whole = async (out: string, config = 'contract/vitest.config.ts'): Promise<Run> => {
  const run = await measure(process.execPath, [vitest, 'run', '--config', config], out);
  if (!run.ok) throw new Error(`whole contract run failed in ${out}:\n${run.tail}`);
  return run;
};
const shards = async (out: string): Promise<Run> => {
  const shard = (i: number) => measure(process.execPath, [vitest, 'run', '--config', 'contract/vitest.config.ts', '--maxWorkers=1', '--shard', `${i}/2`], out);
  const started = performance.now();
  const [a, b] = await Promise.all([shard(1), shard(2)]);
  if (!a.ok || !b.ok) throw new Error(`whole contract run (two shards) failed in ${out}:\n${a.ok ? b.tail : a.tail}`);
  return { ms: performance.now() - started, rss: a.rss + b.rss, cpu: a.cpu + b.cpu, ok: true, tail: '' };
};
console.error('lean-output: every google contract suite, one vitest with the config\'s defaults');
lines.push(`### every google contract suite, one vitest with the generated config's defaults (a worker per core)`, '', `Load average before: ${load()}. One run each; memory is the peak of the summed RSS of the process tree (of both shards, summed, for the shards row).`, '');
lines.push('| what | wall | peak RSS | vs baseline | CPU, process tree (user + system) |', '| --- | --- | --- | --- | --- |');
// The whole-provider rows: the last column is the run's CPU time (Run.cpu), not a bare-vitest ratio.
const wholeRow = (what: string, r: Run, base?: Run) => `${row(what, r, base).slice(0, -2)}${r.cpu.toFixed(0)} s |`;
// The generated config keeps transformed modules on disk (fsModuleCache): a first run with that
// cache empty, then a second run reading it.
const FS_CACHE = join(ROOT, 'node_modules', '.cache', 'stackql-docgen-vitest');
rmSync(FS_CACHE, { recursive: true, force: true });
const wholeNew = await whole(newOut);
const wholeWarm = existsSync(FS_CACHE) ? await whole(newOut) : undefined;
// The same config without vitest-deps.ts (vitest transforms the runtime): what it saves, same run.
const DEPS_LINE = /^\s*server: \{ deps: \{ external: runtimeModules \} \},\n/m;
const config = readFileSync(join(newOut, 'contract/vitest.config.ts'), 'utf8');
let wholeNoDeps: Run | undefined;
if (DEPS_LINE.test(config)) {
  writeFileSync(join(newOut, 'contract/vitest.no-deps.config.ts'), config.replace(DEPS_LINE, ''));
  rmSync(FS_CACHE, { recursive: true, force: true });
  wholeNoDeps = await whole(newOut, 'contract/vitest.no-deps.config.ts');
  rmSync(join(newOut, 'contract/vitest.no-deps.config.ts'));
}
const wholeBase = WHOLE_BASELINE ? await whole(baseOut) : undefined;
// The layout the README recommended before (`--shards`): two shards side by side, one worker each
// (two main processes, each transforming the runtime and holding its half's results).
const twoShards = args.includes('--shards') ? await shards(newOut) : undefined;
lines.push(wholeRow(wholeWarm ? 'now, first run (no transforms on disk yet)' : 'now', wholeNew, wholeBase));
if (wholeWarm) lines.push(wholeRow('now, next run (transforms read from disk: fsModuleCache)', wholeWarm, wholeBase));
if (wholeNoDeps) lines.push(wholeRow('  first run without vitest-deps.ts in the config (vitest transforms the runtime)', wholeNoDeps, wholeBase));
if (wholeBase) lines.push(wholeRow('baseline', wholeBase));
if (twoShards) lines.push(wholeRow('now, as `--shard 1/2` and `2/2` at once with `--maxWorkers=1` each', twoShards));
lines.push('', `Target: <= 90 s and <= 1.5 GB on 2 cores. Load average after: ${load()}.`, '');
console.log(lines.join('\n'));

/**
 * One edited page under `generate --watch` (issue 11 target: google <= 1 s): a copy of a docs folder
 * in tmp, one plain generate, then the watcher started and one page edited N times; each edit timed
 * from the page's write to the watcher's line saying the output is in place (and checked in
 * model.json). Peak RSS is the watcher process's high-water mark (/proc VmHWM, workers included).
 * Beside it, in the same run (edits alternating between the two, so both see the same load), a
 * baseline: by default the watcher as it was before (a whole generate per change, bench/
 * watch-whole.ts, on this tree's code); with `--baseline <source tree>`, that checkout's watcher.
 *   tsx bench/watch-edit.ts [--docs <folder>] [--page <relative page>] [--edits N] [--baseline <tree>]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const corpusDocs = resolve(arg('--docs', '../shared/corpus/google-microsite/google')!);
const pageRel = arg('--page', 'docs/services/compute/instances/index.md')!;
const edits = Number(arg('--edits', '5'));
const baseline = arg('--baseline');
const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
// The line a watcher prints once a change's output is in place: `n files written` (this one) or the
// whole run's `<out>: n written, ...` (the watcher that re-ran generate for each change).
const DONE = /(\d+ files? written|: \d+ written, \d+ unchanged)[^\n]*\n/g;

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const env = { ...process.env, INIT_CWD: undefined, npm_lifecycle_event: undefined, NO_COLOR: '1' };

/** A field's description gains or bumps a marker, so each edit changes the model. */
function editPage(file: string): string {
  const text = readFileSync(file, 'utf8');
  const marker = / \(watch edit (\d+)\)/.exec(text);
  const n = marker ? Number(marker[1]) + 1 : 1;
  const next = marker
    ? text.replace(marker[0], ` (watch edit ${n})`)
    : text.replace(/(<td>[^<\n]{20,}?)(<\/td>)|(\| [^|\n]{20,}?)( \|\n)/, (_all, a, b, c, d) => (a ? `${a} (watch edit 1)${b}` : `${c} (watch edit 1)${d}`));
  if (next === text) throw new Error(`no description to edit in ${file}`);
  writeFileSync(file, next);
  return `(watch edit ${n})`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** CPU time (user + system, ms) the process has used so far: steadier than wall time on a loaded machine. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The process's peak resident set (MB). */
function vmHwm(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Watcher {
  label: string;
  docs: string;
  out: string;
  child: ChildProcess;
  seen: () => string;
  times: number[];
  cpu: number[];
  readyRss: number;
  last: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'bench-watch-'));

async function until(test: () => boolean, what: () => string, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out; watcher said:\n${what()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * A docs copy, generated once, and a watcher started on it: `tree`'s `generate --watch`, or the
 * whole-generate-per-change baseline (bench/watch-whole.ts).
 */
async function startWatcher(label: string, tree: string | 'whole'): Promise<Watcher> {
  const dir = join(tmp, label.replace(/\W+/g, '-'));
  const docs = join(dir, 'docs');
  const out = join(dir, 'out');
  cpSync(corpusDocs, docs, { recursive: true });
  const cli = (extra: string[]) => ['--import', TSX, join(tree === 'whole' ? here : tree, 'generator/cli/bin.ts'), 'generate', '--docs', docs, '--out', out, '--quiet', ...extra];
  const first = spawnSync(process.execPath, cli([]), { cwd: dir, env, encoding: 'utf8' });
  if (first.status !== 0) throw new Error(`${label}: first generate failed:\n${first.stderr}`);
  const watcher = tree === 'whole' ? ['--import', TSX, join(here, 'bench/watch-whole.ts'), docs, out] : cli(['--watch']);
  const child = spawn(process.execPath, watcher, { cwd: dir, env });
  let seen = '';
  child.stdout!.on('data', (b) => (seen += b));
  child.stderr!.on('data', (b) => (seen += b));
  await until(() => /watching .* for changes/.test(seen), () => seen);
  return { label, docs, out, child, seen: () => seen, times: [], cpu: [], readyRss: vmHwm(child.pid!), last: '' };
}

async function timeEdit(w: Watcher): Promise<void> {
  const before = [...w.seen().matchAll(DONE)].length;
  const cpu0 = cpuMs(w.child.pid!);
  const marker = editPage(join(w.docs, pageRel));
  const t0 = performance.now();
  await until(() => [...w.seen().matchAll(DONE)].length > before, w.seen);
  w.times.push(performance.now() - t0);
  w.cpu.push(cpuMs(w.child.pid!) - cpu0);
  w.last = [...w.seen().matchAll(DONE)].pop()![0].trim();
  if (!readFileSync(join(w.out, 'model.json'), 'utf8').includes(marker)) throw new Error(`${w.label}: model.json lacks ${marker}`);
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
try {
  const loadAtStart = load();
  const before = baseline ? `\`generate --watch\` of \`${baseline}\`` : 'before: a whole generate per change (bench/watch-whole.ts)';
  const watchers = [await startWatcher(before, baseline ? resolve(baseline) : 'whole'), await startWatcher('`generate --watch` (this tree)', here)];
  for (let k = 0; k < edits; k++) {
    for (const w of watchers) {
      await new Promise((r) => setTimeout(r, 1500));
      await timeEdit(w);
    }
  }
  const rows = watchers.map((w) => {
    const peak = vmHwm(w.child.pid!);
    w.child.kill('SIGINT');
    return `| ${w.label} | ${median(w.times).toFixed(0)} ms | ${w.times.map((t) => t.toFixed(0)).join(', ')} | ${median(w.cpu).toFixed(0)} ms | ${peak.toFixed(0)} MB (${w.readyRss.toFixed(0)} MB when ready) | ${w.last.replace(/\|/g, '\\|')} |`;
  });
  console.log(
    [
      '## watch-edit: one edited page under `generate --watch`',
      '',
      `\`${relative(here, corpusDocs) || corpusDocs}\`, page \`${pageRel}\` edited ${edits} times (a field description gains a marker), each timed from the page's write to the watcher's line saying its output is in place (each watcher's debounce included: 150 ms before, 50 ms now), and the CPU time the watcher process used meanwhile (user + system, 10 ms ticks; steadier than wall time under load); peak RSS of the watcher process over its first run and the edits. Load average ${loadAtStart} at start, ${load()} at the end. Target (issue 11): <= 1 s.`,
      '',
      '| watcher | median | each edit | CPU per edit (median) | peak RSS | its last line |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

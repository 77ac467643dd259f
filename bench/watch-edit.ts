/**
 * One edited page under `generate --watch`: a copy of a docs folder in tmp, one full generate, then
 * the watcher started and one page edited N times; each edit is timed from the page's write to the
 * watcher's line saying the output is in place (and the edit checked in model.json). Peak RSS is
 * the watcher process's high-water mark (/proc VmHWM, worker threads included).
 *   tsx bench/watch-edit.ts [--docs <folder>] [--page <relative page>] [--edits N] [--root <source tree>]
 * `--root` runs another checkout's CLI (a before/after of two commits); default this one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const corpusDocs = resolve(arg('--docs', '../shared/corpus/google-microsite/google'));
const pageRel = arg('--page', 'docs/services/compute/instances/index.md');
const edits = Number(arg('--edits', '5'));
const root = resolve(arg('--root', '.'));
// The line each watcher prints once a change's output is in place: `n files written` (this one) or
// the whole-run summary `<out>: n written, ...` (the watcher that re-ran generate).
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

const tmp = mkdtempSync(join(tmpdir(), 'bench-watch-'));
const docs = join(tmp, 'docs');
const out = join(tmp, 'out');
cpSync(corpusDocs, docs, { recursive: true });
const page = join(docs, pageRel);
const bin = join(root, 'generator/cli/bin.ts');
const cli = (extra: string[]) => [...['--import', TSX, bin, 'generate', '--docs', docs, '--out', out, '--quiet'], ...extra];

try {
  const first = spawnSync(process.execPath, cli([]), { cwd: tmp, env, encoding: 'utf8' });
  if (first.status !== 0) throw new Error(`first generate failed:\n${first.stderr}`);
  const child = spawn(process.execPath, cli(['--watch']), { cwd: tmp, env });
  let seen = '';
  child.stdout.on('data', (b) => (seen += b));
  child.stderr.on('data', (b) => (seen += b));
  const waitFor = async (test: () => boolean, ms = 120_000) => {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error(`timed out; watcher said:\n${seen}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  await waitFor(() => /watching .* for changes/.test(seen));
  const startupRss = vmHwm(child.pid!);
  const times: number[] = [];
  const lines: string[] = [];
  for (let k = 0; k < edits; k++) {
    await new Promise((r) => setTimeout(r, 1500));
    const before = [...seen.matchAll(DONE)].length;
    const marker = editPage(page);
    const t0 = performance.now();
    await waitFor(() => [...seen.matchAll(DONE)].length > before);
    times.push(performance.now() - t0);
    lines.push([...seen.matchAll(DONE)].pop()![0].trim());
    if (!readFileSync(join(out, 'model.json'), 'utf8').includes(marker)) throw new Error(`edit ${k + 1}: model.json lacks ${marker}`);
  }
  const peak = vmHwm(child.pid!);
  child.kill('SIGINT');
  console.log(`root ${root}; docs ${corpusDocs}; page ${pageRel}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`edits (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; median ${median(times).toFixed(0)} ms`);
  console.log(`watcher peak RSS ${peak.toFixed(0)} MB (${startupRss.toFixed(0)} MB when ready)`);
  console.log(`last line: ${lines.at(-1)}`);
  console.log(JSON.stringify({ medianMs: median(times), times, peakRssMb: peak, readyRssMb: startupRss }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** The process's peak resident set (MB). */
function vmHwm(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

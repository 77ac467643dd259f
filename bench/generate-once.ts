/**
 * One measured `generate` run (parse, model, clients, mocks, contract suites) in a fresh process,
 * so peak RSS and cold start are real: prints a JSON line with wall time, CPU time, bytes, pages
 * and peak RSS. Used by bench/generate.ts.
 *   tsx bench/generate-once.ts <docs> <out> <cold|warm|edit> [page to edit] [--dist] [--delete-before]
 * `edit` changes one line of the page first (as a user saving it under --watch), then generates
 * with the caches and output of the previous run, as a --watch run does.
 * `--dist`: the generator as users run it, compiled (dist/, `npm run build` first): its worker
 * threads then load compiled page-worker.js, where from source each one registers tsx and compiles
 * the generator's modules again (worker-boot.mjs), a cost no user pays. Only this script goes
 * through tsx; the generator's modules are imported from dist/ before the clock starts.
 * A cold run sets the previous output aside (renamed to `<out>.aside-<time>`, beside it) rather
 * than deleting it, and leaves it for the caller to remove once every run is measured (generate.ts
 * removes its whole folder at the end): on an ext4 file system without a journal (this host's),
 * creating files shortly after tens of thousands were deleted nearby makes the kernel check each
 * freed inode's deletion time before it reuses one (fs/ext4/ialloc.c recently_deleted, for minutes
 * after), and the run measured that: 55k small files in 11k folders took 5.9 s (1.6 s sys) to
 * create in a fresh folder, 79 s (9.2 s sys) right after deleting 55k such files beside it
 * (loaded host). A user's first run (fresh clone, CI) deletes nothing. `--delete-before`: delete
 * it as before, to measure that case.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv.includes('--dist');
const deleteBefore = process.argv.includes('--delete-before');
const [docs, out, mode, page] = process.argv.slice(2).filter((a) => a !== '--dist' && a !== '--delete-before');
// Both from the same tree, so a --dist run holds one copy of the generator's modules.
const from = dist ? '../dist/generator' : '../generator';
const ext = dist ? 'js' : 'ts';
const { generate } = (await import(`${from}/pipeline.${ext}`)) as typeof import('../generator/pipeline.ts');
const { modelRecordFile, statIndexFile } = (await import(`${from}/read-model.${ext}`)) as typeof import('../generator/read-model.ts');
const cacheFile = join(out, '..', `${out.split('/').pop()}-cache.json`);
// Cold: no page cache (nor the stat index and model record beside it) and no previous output, so
// every page is read and parsed and everything emitted.
if (mode === 'cold') {
  if (deleteBefore) rmSync(out, { recursive: true, force: true });
  else if (existsSync(out)) renameSync(out, `${out}.aside-${Date.now()}`);
  for (const file of [cacheFile, statIndexFile(cacheFile), modelRecordFile(cacheFile)]) rmSync(file, { force: true });
}
if (mode === 'edit') {
  // A field's description gains or changes a marker, so each run is an edit the model sees.
  const text = readFileSync(page!, 'utf8');
  const marker = / \(bench edit (\d+)\)/.exec(text);
  const next = marker
    ? text.replace(marker[0], ` (bench edit ${Number(marker[1]) + 1})`)
    : text.replace(/(<td>[^<\n]{20,}?)(<\/td>)|(\| [^|\n]{20,}?)( \|\n)/, (_all, a, b, c, d) => (a ? `${a} (bench edit 1)${b}` : `${c} (bench edit 1)${d}`));
  if (next === text) throw new Error(`no description to edit in ${page}`);
  writeFileSync(page!, next);
}
const started = performance.now();
const cpu = process.cpuUsage();
const r = await generate({ docs, out, cacheFile, ...(mode === 'edit' ? { removeOldInBackground: true } : {}) });
const ms = performance.now() - started;
// CPU of this process (main thread, workers, V8's helper threads) over the run; a child process's (esbuild's) not included.
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, bytes: r.bytes, pages: r.files.length, parsed: r.parsed, resources: r.model.summary.resources, maxRssMb: process.resourceUsage().maxRSS / 1024, emitted: r.emit?.emitted ?? 0, written: r.writes?.written ?? 0 }));

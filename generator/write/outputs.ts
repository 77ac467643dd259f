/**
 * Writing (or checking) the whole output folder, so that it always holds either the previous run's
 * files or this run's, never a mix (swap.ts: stage, then swap). The new set is staged in full:
 * unchanged files hard-linked from the current folder (no copy), changed and new ones written, files
 * that are not ours (not in the previous run's list) carried over; files a previous run wrote that
 * this run no longer produces are left behind, and so are the folders that only held them. The
 * list of what was written lives in `<out>/.generated-files`, written last: it marks a staging
 * folder complete.
 */
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { EmittedFile } from '../emit/emitted-file.ts';
import { temporaryPid, writeParts } from './atomic.ts';
import { realFolder, recoverFolder, stagingPath, swapIn } from './swap.ts';

export const MANIFEST = '.generated-files';

export interface WriteCounts {
  /** Files whose content is new or changed. */
  written: number;
  unchanged: number;
  /** Files of the previous run this one no longer produces. */
  removed: number;
}

/** The manifest: a first line naming the input it was written from, then one path a line. */
function readManifest(out: string): { key?: string; files: string[] } {
  try {
    const lines = readFileSync(join(out, MANIFEST), 'utf8').split('\n').filter(Boolean);
    const key = lines[0]?.startsWith('# input ') ? lines.shift()!.slice('# input '.length) : undefined;
    return { key, files: lines };
  } catch {
    return { files: [] };
  }
}

/** The input the folder was last completely written from (the manifest's first line), if any. */
export function outputKey(out: string): string | undefined {
  // The first line only: the list after it runs to thousands of lines.
  let head: string;
  try {
    const fd = openSync(join(out, MANIFEST), 'r');
    try {
      const buffer = Buffer.alloc(256);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const first = head.slice(0, head.indexOf('\n') >>> 0);
  return first.startsWith('# input ') ? first.slice('# input '.length) : undefined;
}

/** The manifest's text: what the folder was written from (none while it is being changed in place) and its files. */
export function manifestText(key: string | undefined, files: Iterable<string>, sorted = true): string {
  const list = [...files];
  return `${key === undefined ? '' : `# input ${key}\n`}${(sorted ? list.sort() : list).join('\n')}\n`;
}

/** The files the previous run wrote (its manifest); [] for a folder never written. */
export function previousFiles(out: string): string[] {
  return readManifest(out).files;
}

/**
 * Puts the output folder right after runs that were killed while writing (see swap.ts) and removes
 * their leftovers. writeOutputs does it first; generate does it before asking outputsUpToDate.
 */
export function recoverOutputs(out: string): void {
  recoverFolder(realFolder(out), (staging) => existsSync(join(staging, MANIFEST)));
}

/**
 * True when the folder was written from this very input (model text and emitter code, hashed
 * into `key`) and every file is still there: the whole emit step can be skipped.
 */
export function outputsUpToDate(out: string, key: string): boolean {
  const m = readManifest(out);
  return m.key === key && m.files.length > 0 && m.files.every((f) => existsSync(join(out, f)));
}

export function sameContent(file: string, content: string): boolean {
  try {
    // A size that differs says so without reading (model.json is tens of MB). No file is the
    // common case on a first run: asked without an exception (which costs twice the stat).
    const st = statSync(file, { throwIfNoEntry: false });
    if (st === undefined || st.size !== Buffer.byteLength(content)) return false;
    return readFileSync(file, 'utf8') === content;
  } catch {
    return false;
  }
}

/** sameContent for a file given as parts, `bytes` long in all. */
export function sameParts(file: string, parts: readonly string[], bytes: number): boolean {
  const st = statSync(file, { throwIfNoEntry: false });
  if (st === undefined || !st.isFile() || st.size !== bytes) return false;
  let held: Buffer;
  try {
    held = readFileSync(file);
  } catch {
    return false;
  }
  let at = 0;
  for (const part of parts) {
    const b = Buffer.from(part);
    if (at + b.length > held.length || !held.subarray(at, at + b.length).equals(b)) return false;
    at += b.length;
  }
  return at === held.length;
}

/**
 * Where files are staged, as any thread can stage them (the emit workers write their resources'
 * files themselves, so the main thread is not the one writer of tens of thousands of files):
 * the output folder as it is, the staging folder, and whether the output folder existed when
 * staging began (when it did not, there is nothing to compare with: every file is written).
 */
export interface StageTarget {
  folder: string;
  staging: string;
  current: boolean;
}

/**
 * Stages one file of the run: hard-linked from the output folder when that holds the same bytes,
 * written otherwise; true when written. `made`: the folders this thread has made (each made once).
 */
export function stageFile(target: StageTarget, made: Set<string>, path: string, content: string): boolean {
  const abs = join(target.staging, path);
  const dir = dirname(abs);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  if (target.current) {
    const current = join(target.folder, path);
    if (sameContent(current, content)) {
      linkOrCopy(current, abs);
      return false;
    }
  }
  writeFileSync(abs, content);
  return true;
}

/** Called after each of the run's files is staged (written or linked): `done` of `total`. */
export type WriteListener = (done: number, total: number) => void;

export function writeOutputs(out: string, files: EmittedFile[], key: string, onFile?: WriteListener): WriteCounts {
  const stager = new OutputStager(out, key);
  for (const f of files) {
    stager.put(f);
    onFile?.(stager.count, files.length);
  }
  return stager.commit();
}

/**
 * The write phase a file at a time, so a run never holds every file's content: `put` stages a
 * file (hard-linked when the current one has the same bytes), `keep` stages one the caller knows
 * is unchanged (a cached resource's), `commit` completes and swaps the folder in; `abandon` drops
 * the staging folder and leaves the output as it was.
 */
export class OutputStager {
  private readonly folder: string;
  private readonly previous: Set<string>;
  private readonly staging: string;
  private readonly run: string;
  private readonly made = new Set<string>();
  /** Where other threads stage this run's files (staged(), then, says which). */
  readonly target: StageTarget;
  /** Paths staged so far. */
  readonly paths = new Set<string>();
  written = 0;
  unchanged = 0;

  constructor(out: string, private readonly key: string) {
    recoverOutputs(out);
    this.folder = realFolder(out);
    this.previous = new Set(previousFiles(this.folder));
    const { path, run } = stagingPath(this.folder);
    this.staging = path;
    this.run = run;
    this.target = { folder: this.folder, staging: this.staging, current: existsSync(this.folder) };
    mkdirSync(this.staging, { recursive: true });
  }

  get count(): number {
    return this.written + this.unchanged;
  }

  /** The files the previous run wrote. */
  get previousFiles(): string[] {
    return [...this.previous];
  }

  put(f: EmittedFile): void {
    this.paths.add(f.path);
    if (stageFile(this.target, this.made, f.path, f.content)) this.written++;
    else this.unchanged++;
  }

  /** put() of a file given as parts (`bytes` long in all), written a chunk at a time: model.json, tens of MB. */
  putParts(path: string, parts: readonly string[], bytes: number): void {
    const abs = this.place(path);
    const current = join(this.folder, path);
    if (this.target.current && sameParts(current, parts, bytes)) {
      linkOrCopy(current, abs);
      this.unchanged++;
    } else {
      writeParts(abs, parts);
      this.written++;
    }
  }

  /** Files another thread staged into `target` (stageFile): `written` of them written, the rest linked. */
  staged(paths: readonly string[], written: number): void {
    for (const p of paths) this.paths.add(p);
    this.written += written;
    this.unchanged += paths.length - written;
  }

  /**
   * Stages the current files as they are, when every one is there with the size given; false (and
   * nothing staged) otherwise, and the caller emits them instead.
   */
  keepAll(files: ReadonlyArray<readonly [path: string, size: number]>): boolean {
    for (const [path, size] of files) {
      try {
        if (statSync(join(this.folder, path)).size !== size) return false;
      } catch {
        return false;
      }
    }
    for (const [path] of files) linkOrCopy(join(this.folder, path), this.place(path));
    this.unchanged += files.length;
    return true;
  }

  /** With `background`, the previous folder's removal, which commit() does not wait for. */
  removal: Promise<void> = Promise.resolve();

  commit(options: { background?: boolean } = {}): WriteCounts {
    const { folder, staging, previous, paths: now } = this;
    // What is not ours stays; a stale temporary of the old per-file writer is not kept.
    for (const path of listFiles(folder)) {
      if (path === MANIFEST || now.has(path) || previous.has(path) || temporaryPid(path.split('/').pop()!) !== undefined) continue;
      linkOrCopy(join(folder, path), this.place(path, false));
    }
    let removed = 0;
    for (const old of previous) if (!now.has(old) && existsSync(join(folder, old))) removed++;
    // Last: the marker that this staging folder is complete.
    writeFileSync(join(staging, MANIFEST), manifestText(this.key, now));
    this.removal = swapIn(folder, staging, this.run, options);
    return { written: this.written, unchanged: this.unchanged, removed };
  }

  abandon(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Where `path` goes in the staging folder; `ours`: a file of the run (listed in the manifest). */
  private place(path: string, ours = true): string {
    if (ours) this.paths.add(path);
    const abs = join(this.staging, path);
    const dir = dirname(abs);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    return abs;
  }
}

/** A hard link (the same file, no copy); a copy where the file system has no links. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Every file under `root`, as `/`-separated relative paths (symlinks listed, not followed). */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(relative(root, abs).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** What differs between the folder and what this run would write; [] when they agree. */
export function checkOutputs(out: string, files: EmittedFile[]): string[] {
  const checker = new OutputChecker(out);
  files.forEach((f) => checker.check(f));
  return checker.finish();
}

/** checkOutputs a file at a time. */
export class OutputChecker {
  private readonly problems: string[] = [];
  private readonly now = new Set<string>();

  constructor(private readonly out: string) {}

  check(f: EmittedFile): void {
    this.now.add(f.path);
    const abs = join(this.out, f.path);
    if (!existsSync(abs)) this.problems.push(`missing: ${f.path}`);
    else if (!sameContent(abs, f.content)) this.problems.push(`differs: ${f.path}`);
  }

  finish(): string[] {
    for (const old of previousFiles(this.out)) if (!this.now.has(old) && existsSync(join(this.out, old))) this.problems.push(`stale: ${old}`);
    return this.problems.sort();
  }
}

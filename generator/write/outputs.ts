/**
 * Writing (or checking) the whole output folder, so that it always holds either the previous run's
 * files or this run's, never a mix (swap.ts: stage, then swap). The new set is staged in full:
 * unchanged files hard-linked from the current folder (no copy), changed and new ones written, files
 * that are not ours (not in the previous run's list) carried over; files a previous run wrote that
 * this run no longer produces are left behind, and so are the folders that only held them. The
 * list of what was written lives in `<out>/.generated-files`, written last: it marks a staging
 * folder complete.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { EmittedFile } from '../emit/emitted-file.ts';
import { temporaryPid } from './atomic.ts';
import { realFolder, recoverFolder, stagingPath, swapIn } from './swap.ts';

const MANIFEST = '.generated-files';

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

function sameContent(file: string, content: string): boolean {
  try {
    return readFileSync(file, 'utf8') === content;
  } catch {
    return false;
  }
}

/** Called after each of the run's files is staged (written or linked): `done` of `total`. */
export type WriteListener = (done: number, total: number) => void;

export function writeOutputs(out: string, files: EmittedFile[], key: string, onFile?: WriteListener): WriteCounts {
  recoverOutputs(out);
  const folder = realFolder(out);
  const previous = new Set(previousFiles(folder));
  const now = new Set(files.map((f) => f.path));
  const { path: staging, run } = stagingPath(folder);
  const made = new Set<string>();
  const place = (path: string) => {
    const dir = dirname(join(staging, path));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    return join(staging, path);
  };
  mkdirSync(staging, { recursive: true });

  let written = 0;
  let unchanged = 0;
  for (const f of files) {
    const current = join(folder, f.path);
    const target = place(f.path);
    if (sameContent(current, f.content)) {
      linkOrCopy(current, target);
      unchanged++;
    } else {
      writeFileSync(target, f.content);
      written++;
    }
    onFile?.(written + unchanged, files.length);
  }
  // What is not ours stays; a stale temporary of the old per-file writer is not kept.
  for (const path of listFiles(folder)) {
    if (path === MANIFEST || now.has(path) || previous.has(path) || temporaryPid(path.split('/').pop()!) !== undefined) continue;
    linkOrCopy(join(folder, path), place(path));
  }
  let removed = 0;
  for (const old of previous) if (!now.has(old) && existsSync(join(folder, old))) removed++;
  // Last: the marker that this staging folder is complete.
  writeFileSync(join(staging, MANIFEST), `# input ${key}\n${[...now].sort().join('\n')}\n`);
  swapIn(folder, staging, run);
  return { written, unchanged, removed };
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
  const problems: string[] = [];
  for (const f of files) {
    const abs = join(out, f.path);
    if (!existsSync(abs)) problems.push(`missing: ${f.path}`);
    else if (!sameContent(abs, f.content)) problems.push(`differs: ${f.path}`);
  }
  const now = new Set(files.map((f) => f.path));
  for (const old of previousFiles(out)) if (!now.has(old) && existsSync(join(out, old))) problems.push(`stale: ${old}`);
  return problems;
}

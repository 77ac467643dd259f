/**
 * Writing (or checking) the whole output folder. Each file is written atomically and only when its
 * content changed; files a previous run wrote that this run no longer produces are removed. The
 * list of what was written lives in `<out>/.generated-files`, so nothing else in the folder is
 * ever touched.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';

import type { EmittedFile } from '../emit/emitted-file.ts';

const MANIFEST = '.generated-files';

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

export function writeOutputs(out: string, files: EmittedFile[], key: string): { written: number; unchanged: number; removed: number } {
  let written = 0;
  let unchanged = 0;
  for (const f of files) {
    const abs = join(out, f.path);
    if (sameContent(abs, f.content)) unchanged++;
    else {
      writeFileAtomic(abs, f.content);
      written++;
    }
  }
  const now = new Set(files.map((f) => f.path));
  let removed = 0;
  for (const old of previousFiles(out)) {
    if (!now.has(old) && existsSync(join(out, old))) {
      rmSync(join(out, old));
      removed++;
    }
  }
  writeFileAtomic(join(out, MANIFEST), `# input ${key}\n${[...now].sort().join('\n')}\n`);
  return { written, unchanged, removed };
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

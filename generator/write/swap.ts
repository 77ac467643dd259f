/**
 * Replacing a whole folder so that it is always either the previous set of files or the new one:
 * the new set is built in a sibling staging folder (`<out>.staging-<pid>-<id>`), completed by a
 * marker file written last, then swapped in by two renames (`<out>` → `<out>.old-<pid>-<id>`,
 * staging → `<out>`), and the old folder removed.
 *
 * A run killed while staging leaves `<out>` untouched. One killed between the two renames (an
 * instant) leaves no `<out>` but a complete staging folder: recoverFolder() finishes the swap (or,
 * when the staging is incomplete, puts the old folder back). Staging and old folders of runs whose
 * process is gone are removed by the next run; those of a live run are left alone.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { processAlive } from './atomic.ts';

const LEFTOVER = /^(.*)\.(staging|old)-(\d+)-([0-9a-f]+)$/;

interface Leftover {
  path: string;
  kind: 'staging' | 'old';
  pid: number;
  run: string;
}

/** The folder a path names: a symlinked output folder is swapped where it really is, keeping the link. */
export function realFolder(out: string): string {
  try {
    return lstatSync(out).isSymbolicLink() ? realpathSync(out) : out;
  } catch {
    return out;
  }
}

/** A fresh staging folder path for `folder`, unique to this run. */
export function stagingPath(folder: string): { path: string; run: string } {
  const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return { path: `${folder}.staging-${run}`, run };
}

/**
 * Swaps a complete staging folder in for `folder`. The caller has written the completion marker
 * last; after this the old contents are gone.
 */
export function swapIn(folder: string, staging: string, run: string, options: { background?: boolean } = {}): Promise<void> {
  const old = `${folder}.old-${run}`;
  const hadOld = existsSync(folder);
  if (hadOld) renameSync(folder, old);
  renameSync(staging, folder);
  if (!hadOld) return Promise.resolve();
  // In the background the swap is done already; a process gone before the removal ends leaves
  // the old folder to the next run's recoverFolder.
  if (options.background) return rm(old, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  return Promise.resolve();
}

/**
 * Brings `folder` back to a consistent state after runs that were killed, and removes their
 * leftovers. `complete(staging)` says whether a staging folder was finished (its marker exists).
 */
export function recoverFolder(folder: string, complete: (staging: string) => boolean): void {
  const leftovers = findLeftovers(folder).filter((l) => l.pid !== process.pid && !processAlive(l.pid));
  if (!existsSync(folder)) {
    // Killed between the two renames: that run's finished staging is the newest complete set.
    const finished = leftovers
      .filter((l) => l.kind === 'staging' && complete(l.path))
      .sort((a, b) => statSync(b.path).mtimeMs - statSync(a.path).mtimeMs)[0];
    const previous = leftovers.filter((l) => l.kind === 'old').sort((a, b) => statSync(b.path).mtimeMs - statSync(a.path).mtimeMs)[0];
    const restore = finished ?? previous;
    if (restore !== undefined) renameSync(restore.path, folder);
  }
  for (const l of leftovers) if (existsSync(l.path)) rmSync(l.path, { recursive: true, force: true });
}

function findLeftovers(folder: string): Leftover[] {
  const parent = dirname(folder);
  const name = basename(folder);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const entry of entries) {
    const m = LEFTOVER.exec(entry);
    if (!m || m[1] !== name) continue;
    out.push({ path: join(parent, entry), kind: m[2] as Leftover['kind'], pid: Number(m[3]), run: `${m[3]}-${m[4]}` });
  }
  return out;
}

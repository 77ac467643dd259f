/**
 * Changing a few files of the output folder in place (generate --watch), where restaging the whole
 * folder (outputs.ts) would cost seconds for one edited page. Each file is written atomically
 * (atomic.ts), but the folder as a whole is not swapped, so the manifest says while it is being
 * changed that it is no complete output: it first loses its input key (no generate then takes the
 * folder as up to date) and lists the old files and the new ones (a generate after a crash removes
 * whichever it no longer produces); it gets the new key and list last.
 */
import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';
import { MANIFEST, manifestText } from './outputs.ts';
import { realFolder } from './swap.ts';

export interface InPlaceChange {
  /** Files of the new output whose bytes differ from the folder's (or may). */
  write: ReadonlyArray<{ path: string; content: string | Uint8Array }>;
  /** Files of the previous output that the new one does not have. */
  remove: readonly string[];
  /** Every file of the previous output and of the new one (the manifests). */
  previous: ReadonlySet<string>;
  next: ReadonlySet<string>;
  /** What the new output is written from: the manifest's key once done. */
  key: string;
}

export function writeInPlace(out: string, change: InPlaceChange): void {
  const folder = realFolder(out);
  // Unsorted (sorting thousands of paths twice a change shows): only the finished manifest need be as generate writes it.
  const either = [...change.previous];
  for (const path of change.next) if (!change.previous.has(path)) either.push(path);
  writeFileAtomic(join(folder, MANIFEST), manifestText(undefined, either, false));
  for (const f of change.write) writeFileAtomic(join(folder, f.path), f.content);
  for (const path of change.remove) {
    rmSync(join(folder, path), { force: true });
    removeEmptyFolders(folder, dirname(join(folder, path)));
  }
  writeFileAtomic(join(folder, MANIFEST), manifestText(change.key, change.next));
}

/** `dir` and its parents up to `root` while they are empty: a full generate leaves no folder that only held removed files. */
function removeEmptyFolders(root: string, dir: string): void {
  while (dir.length > root.length && dir.startsWith(root)) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

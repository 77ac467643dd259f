/**
 * Writes that never leave a half-written file: write beside the target, then rename over it. The
 * temporary is named after the writing process (`<file>.<pid>.tmp`), so one left by a killed run
 * is recognised and removed by the next write of the same file.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  viaTemporary(file, (tmp) => writeFileSync(tmp, content));
}

/**
 * writeFileAtomic of the concatenation of `parts`, never joined into one string: a file of tens of
 * MB (the page cache, model.json) as one JS string is built, flattened (two bytes a character when
 * any part has a character past Latin-1), then encoded again; written a chunk of about `CHUNK`
 * characters at a time instead.
 */
export function writePartsAtomic(file: string, parts: Iterable<string>): void {
  viaTemporary(file, (tmp) => writeParts(tmp, parts));
}

/** `write` fills `<file>.<pid>.tmp`, which is then renamed over `file`; removed if anything throws. */
function viaTemporary(file: string, write: (tmp: string) => void): void {
  mkdirSync(dirname(file), { recursive: true });
  removeStaleTemporaries(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    write(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Characters gathered before a write (about a MB: few syscalls, no large string). */
const CHUNK = 1 << 20;

/** Writes the concatenation of `parts` to `file` (created or truncated), a chunk at a time. */
export function writeParts(file: string, parts: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const part of parts) {
      chunk.push(part);
      size += part.length;
      if (size >= CHUNK) {
        writeAll(fd, chunk.join(''));
        chunk = [];
        size = 0;
      }
    }
    if (size > 0) writeAll(fd, chunk.join(''));
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

/** `<file>.<pid>.tmp` beside `file` whose process is gone: left by a killed run. */
function removeStaleTemporaries(file: string): void {
  const name = basename(file);
  let entries: string[];
  try {
    entries = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = temporaryPid(entry, name);
    if (pid !== undefined && pid !== process.pid && !processAlive(pid)) rmSync(join(dirname(file), entry), { force: true });
  }
}

/** The pid in `<name>.<pid>.tmp`, or undefined when `entry` is no such temporary (any name when `name` is omitted). */
export function temporaryPid(entry: string, name?: string): number | undefined {
  const m = /^(.*)\.(\d+)\.tmp$/.exec(entry);
  if (!m || (name !== undefined && m[1] !== name)) return undefined;
  return Number(m[2]);
}

/** Whether a process with this pid exists (one we may not signal still counts as alive). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The stat index: a page's content hash (read-model.ts pageHash) by what `stat` says of its file,
 * so a run over unchanged docs need not read and hash every page (54 MB for the registry). One file
 * beside the page cache, one line per page, rewritten (atomically) only when a line changes.
 *
 * The rule (git's "racy clean" rule, made stricter): a page's hash is taken from the index only
 * when its path, the path shown, size, inode, mtime and ctime are all as recorded, and the entry was
 * recorded at least RACY_MS after both times. Any write to a file sets its mtime and ctime to the
 * time of the write, and ctime cannot be set back (touch -d, cp -p and rsync -t set mtime only),
 * so an edit after the page was read (same size, mtime restored or not) changes ctime, unless
 * the clock reads the same at both writes: a file system's timestamps are coarse (ext4's tick is
 * a few ms, FAT's 2 s), and an edit within that tick of the previous write would keep every field.
 * Such a page (changed less than RACY_MS before the read) gets no entry: it is read and hashed
 * again next run, when the entry is recorded if it is old enough by then. The file systems this
 * trusts: a local clock (or a server's within RACY_MS of it) and a tick under RACY_MS.
 * Anything else (a missing or damaged index, a page not in it) falls back to reading the page:
 * the index can only skip work, never decide what a page holds.
 */
import { readFileSync, type Stats } from 'node:fs';
import { writeFileAtomic } from '../write/atomic.ts';

/** How long after its last change a page must have been read before its stat is trusted. */
export const RACY_MS = 3000;

const HEADER = 'stat-index 1';

/** What the index keeps of a page's stat. */
export type PageStat = Pick<Stats, 'size' | 'ino' | 'mtimeMs' | 'ctimeMs'>;

interface Entry {
  /** The page as shown (pageHash covers it: a different base is a different hash). */
  shown: string;
  fingerprint: string;
  hash: string;
  /** The UTF-8 length of the text as read (a page that is not valid UTF-8 reads longer than its size). */
  bytes: number;
}

const fingerprint = (st: PageStat): string => `${st.size} ${st.ino} ${st.mtimeMs} ${st.ctimeMs}`;

/**
 * Whether a page whose stat is `st`, read at or after `readAt` (ms since the epoch, Date.now()),
 * may be recorded: its last change was at least RACY_MS before.
 */
export function oldEnough(st: PageStat, readAt: number): boolean {
  return Math.max(st.mtimeMs, st.ctimeMs) <= readAt - RACY_MS;
}

export class StatIndex {
  private readonly loaded = new Map<string, Entry>();
  private readonly now = new Map<string, Entry>();
  private dirty = false;
  /** Pages whose hash came from the index. */
  hits = 0;

  constructor(private readonly file: string | undefined) {
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // none yet
    }
    const lines = text.split('\n');
    if (lines[0] !== HEADER) return;
    // `<hash>\t<bytes>\t<size ino mtime ctime>\t<shown>\t<path>`
    for (let k = 1; k < lines.length; k++) {
      const f = lines[k]!.split('\t');
      if (f.length !== 5) continue;
      const bytes = Number(f[1]);
      if (!/^[0-9a-f]{40}$/.test(f[0]!) || !Number.isSafeInteger(bytes)) continue;
      this.loaded.set(f[4]!, { hash: f[0]!, bytes, fingerprint: f[2]!, shown: f[3]! });
    }
  }

  /** The page's hash and length when its file is as recorded; undefined: read it. */
  lookup(path: string, shown: string, st: PageStat): { hash: string; bytes: number } | undefined {
    const e = this.loaded.get(path);
    if (e === undefined || e.shown !== shown || e.fingerprint !== fingerprint(st)) return undefined;
    this.now.set(path, e);
    this.hits++;
    return { hash: e.hash, bytes: e.bytes };
  }

  /**
   * A page read and hashed this run: `st` is its stat taken before reading it, `readAt` the time
   * taken before that stat. Recorded only when the page is old enough (see the rule above).
   */
  record(path: string, shown: string, st: PageStat, readAt: number, hash: string, bytes: number): void {
    if (!this.file || !oldEnough(st, readAt) || /[\t\n\r]/.test(path + shown)) return;
    const e: Entry = { shown, fingerprint: fingerprint(st), hash, bytes };
    this.now.set(path, e);
    const was = this.loaded.get(path);
    if (!was || was.hash !== hash || was.bytes !== bytes || was.fingerprint !== e.fingerprint || was.shown !== shown) this.dirty = true;
  }

  /** Keeps this run's pages only; written when an entry was added, changed or dropped. */
  save(): void {
    if (!this.file) return;
    if (!this.dirty && this.now.size === this.loaded.size) return;
    const lines = [HEADER];
    for (const [path, e] of this.now) lines.push(`${e.hash}\t${e.bytes}\t${e.fingerprint}\t${e.shown}\t${path}`);
    writeFileAtomic(this.file, `${lines.join('\n')}\n`);
    this.loaded.clear();
    for (const [path, e] of this.now) this.loaded.set(path, e);
    this.now.clear();
    this.dirty = false;
  }
}

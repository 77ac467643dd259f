/**
 * The content-hash cache: a page whose bytes and whose parser are unchanged is not parsed again.
 * One file per docs folder, one line per page (`<hash> <record JSON>`), written atomically; the
 * parser's identity is a hash of the generator's own source, so editing the parser invalidates it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageRecord } from '../model/page-record.ts';
import { writePartsAtomic } from '../write/atomic.ts';

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

const identities = new Map<string, string>();

/**
 * A hash of the project's source files under these folders (recursively): a code version. Run from
 * the installed package, the folders are dist/'s, so the compiled `.js` counts too.
 */
export function sourceIdentity(dirs: string[]): string {
  const key = dirs.join('\u0000');
  const known = identities.get(key);
  if (known) return known;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const h = createHash('sha1');
  const walk = (rel: string) => {
    const abs = join(root, rel);
    for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(rel, e.name));
      else if (/\.(ts|mts|js|mjs|json|hbs)$/.test(e.name)) h.update(join(rel, e.name)).update(readFileSync(join(abs, e.name)));
    }
  };
  dirs.forEach(walk);
  const id = h.digest('hex').slice(0, 16);
  identities.set(key, id);
  return id;
}

/** Every source file that decides what a page parses to. */
export function parserIdentity(): string {
  return sourceIdentity(['generator/parse', 'generator/extract', 'generator/model', 'generator/core']);
}

/** Every source file that decides what is emitted from a model. */
export function emitterIdentity(): string {
  return sourceIdentity(['generator/emit', 'generator/templates', 'generator/runtime', 'generator/model', 'generator/core', 'mocks']);
}

/**
 * Whether the page cache file is there and written by this parser (its first line says so), read
 * no further: a run that may never need the records checks it before counting on them.
 */
export function pageCacheReady(file: string): boolean {
  const header = `parser ${parserIdentity()}\n`;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(header.length);
      return readSync(fd, buffer, 0, buffer.length, 0) === buffer.length && buffer.toString('utf8') === header;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export class PageCache {
  /** hash → the record's JSON text, parsed only when it is used. */
  private readonly entries = new Map<string, string>();
  private readonly used = new Map<string, string>();
  hits = 0;
  private dirty = false;

  constructor(private readonly file: string | undefined) {
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // no cache yet: a cold run
    }
    const lines = text.split('\n');
    if (lines[0] !== `parser ${parserIdentity()}`) return;
    for (let k = 1; k < lines.length; k++) {
      const sp = lines[k].indexOf(' ');
      if (sp > 0) this.entries.set(lines[k].slice(0, sp), lines[k].slice(sp + 1));
    }
  }

  get(hash: string): PageRecord | undefined {
    const hit = this.entries.get(hash);
    if (hit === undefined) return undefined;
    try {
      const record = JSON.parse(hit) as PageRecord;
      this.hits++;
      this.used.set(hash, hit);
      return record;
    } catch {
      return undefined; // a damaged line is a miss, never a failure
    }
  }

  /**
   * Keeps only the pages of this run, so the cache never grows past the docs it serves. Can be
   * called again after more set/forget (generate --watch): the file is then taken as it was left.
   */
  save(): void {
    if (!this.file) return;
    const how = saveLines(this.file, `parser ${parserIdentity()}`, this.entries, this.used, this.dirty);
    afterSave(how, this.entries, this.used);
    this.dirty = false;
  }

  /** A page no longer in the docs, or changed since (--watch): its entry is not kept on the next save. */
  forget(hash: string): void {
    if (this.used.delete(hash)) this.dirty = true;
  }

  set(hash: string, record: PageRecord): void {
    // No file (--no-cache): nothing is saved, so nothing to keep.
    if (!this.file) return;
    // An overrun depends on the machine's load, not on the page: the next run tries again.
    if (record.reason === 'over-budget') return;
    this.used.set(hash, JSON.stringify(record));
    this.dirty = true;
  }
}

/** Entries beyond those used, as a share of the file, that an append may leave before a rewrite. */
const STALE_SHARE = 0.1;

/**
 * Saves a `<key> <text>` cache (header first) that keeps `used`. A few new entries over a file
 * that holds the rest are appended (a watched page edited: one line, not the whole file); stale
 * lines then wait, up to STALE_SHARE of the file, for the next rewrite. Loading keeps the last line of a key.
 * `deadLines`: lines of the file that are in no entry of `loaded` (a key written again, a line
 * that only releases paths: emit-cache.ts), counted as stale.
 */
export function saveLines(
  file: string,
  header: string,
  loaded: ReadonlyMap<string, string>,
  used: ReadonlyMap<string, string>,
  dirty: boolean,
  deadLines = 0,
): { kind: 'unchanged' } | { kind: 'appended'; fresh: Array<[string, string]> } | { kind: 'rewritten' } {
  // A warm run that changed nothing and used every entry would write the same bytes back.
  if (!dirty && used.size === loaded.size && deadLines <= loaded.size * STALE_SHARE) return { kind: 'unchanged' };
  const fresh = [...used].filter(([key, text]) => loaded.get(key) !== text);
  const stale = loaded.size - (used.size - fresh.length) + deadLines;
  if (loaded.size > 0 && fresh.length > 0 && stale + fresh.length <= (loaded.size + fresh.length) * STALE_SHARE) {
    appendFileSync(file, fresh.map(([key, text]) => `${key} ${text}\n`).join(''));
    return { kind: 'appended', fresh };
  }
  // Nothing new, few stale: the stale lines wait for a rewrite.
  if (fresh.length === 0 && stale <= loaded.size * STALE_SHARE) return { kind: 'unchanged' };
  // A line at a time: the page cache of a large docs folder is tens of MB.
  writePartsAtomic(file, linesOf(header, used));
  return { kind: 'rewritten' };
}

function* linesOf(header: string, used: ReadonlyMap<string, string>): Generator<string> {
  yield `${header}\n`;
  for (const [key, text] of used) yield `${key} ${text}\n`;
}

/**
 * What the file holds after a save, as `loaded` for the next save of a long-lived cache: the
 * appended entries join what was there (stale lines included: they are still in the file);
 * a rewrite leaves exactly `used`.
 */
export function afterSave(how: ReturnType<typeof saveLines>, loaded: Map<string, string>, used: ReadonlyMap<string, string>): void {
  if (how.kind === 'appended') for (const [key, text] of how.fresh) loaded.set(key, text);
  else if (how.kind === 'rewritten') {
    loaded.clear();
    for (const [key, text] of used) loaded.set(key, text);
  }
}

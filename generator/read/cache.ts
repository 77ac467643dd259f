/**
 * The content-hash cache: a page whose bytes and whose parser are unchanged is not parsed again.
 * One file per docs folder (JSON, written atomically), keyed by the page's SHA-1; the parser's
 * identity is a hash of the generator's own source, so editing the parser invalidates it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageResult } from '../extract/resource.ts';
import { writeFileAtomic } from '../write/atomic.ts';

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

let parserHash: string | undefined;

/** A hash of every source file that decides what a page parses to. */
export function parserIdentity(): string {
  if (parserHash) return parserHash;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const h = createHash('sha1');
  for (const dir of ['generator/parse', 'generator/extract', 'generator/model', 'mocks/sql']) {
    const abs = join(root, dir);
    for (const f of readdirSync(abs).sort()) {
      if (f.endsWith('.ts')) h.update(f).update(readFileSync(join(abs, f)));
    }
  }
  parserHash = h.digest('hex').slice(0, 16);
  return parserHash;
}

interface CacheFile {
  parser: string;
  pages: Record<string, PageResult>;
}

export class PageCache {
  private readonly entries = new Map<string, PageResult>();
  private readonly used = new Map<string, PageResult>();
  hits = 0;

  constructor(private readonly file: string | undefined) {
    if (!file) return;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.parser === parserIdentity()) for (const [k, v] of Object.entries(data.pages)) this.entries.set(k, v);
    } catch {
      // No cache, or an unreadable one: a cold run, never a failure.
    }
  }

  get(hash: string): PageResult | undefined {
    const hit = this.entries.get(hash);
    if (hit) {
      this.hits++;
      this.used.set(hash, hit);
    }
    return hit;
  }

  set(hash: string, result: PageResult): void {
    this.used.set(hash, result);
  }

  /** Keeps only the pages of this run, so the cache never grows past the docs it serves. */
  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const data: CacheFile = { parser: parserIdentity(), pages: Object.fromEntries(this.used) };
    writeFileAtomic(this.file, JSON.stringify(data));
  }
}

/**
 * Docs in, model out: the one way a folder of doc pages becomes a Model, used by `generate`, the
 * mock server's --docs, the benchmarks and the tests. List the pages, read and hash them, extract
 * what the content-hash cache does not already hold (on every core), keep the resources --include
 * and --exclude select, and assemble the model (each resource was validated against the schema
 * where it was extracted).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { Model } from './core/model.ts';
import { parseModel } from './core/model-codec.ts';
import { buildModel, type BuiltModel, type PageOutcome } from './model/build-model.ts';
import type { ProgressListener } from './phases.ts';
import { extractAll, readPage, type Pool } from './pool.ts';
import { PageCache, hashText } from './read/cache.ts';
import { UnusableInputError, displayPath, listPages } from './read/list-pages.ts';

export { UnusableInputError };

export interface ReadModelOptions {
  /** Globs on resource ids; resources left out are counted as `excluded`. */
  include?: string[];
  exclude?: string[];
  /** Where the content-hash cache lives; false (the default for explicit page lists) disables it. */
  cacheFile?: string | false;
  /** Worker threads; 0 or 1 extracts in this thread. Default: one per core. */
  threads?: number;
  /** Per-page time budget in ms: a page that takes longer is skipped with `page/over-budget`. */
  pageBudgetMs?: number;
  /**
   * How page paths are stored in the model (`source.file`, diagnostics): relative to this folder.
   * Default for a docs folder: its parent, so paths start with the folder's own name
   * (`docs/providers/...`) and do not depend on where the command runs; for a page list: cwd.
   */
  relativeTo?: string;
  /** The `read` phase (a page at a time) and the `parse` phase (the pages the cache lacks). */
  onProgress?: ProgressListener;
  /** Workers to extract on (generate keeps one pool for extracting and emitting). */
  pool?: Pool;
  /**
   * Called once every page is extracted, before the cache is saved and the model assembled
   * (generate starts its emit workers there, so they boot while this thread assembles).
   */
  onExtracted?: () => void;
  /**
   * Leave saving the page cache to the caller (the result's `cache`): generate saves it once the
   * emit workers have their work, not while they wait for the model.
   */
  deferCacheSave?: boolean;
}

export interface ReadModelResult {
  /** model.json's text and what was counted while assembling it. */
  built: BuiltModel;
  /** Page paths as shown (relative, forward slashes), in the order read. */
  files: string[];
  /** What became of each page, in the same order. */
  pages: PageOutcome[];
  /** Each page's path as read, and pageHash of it (generate --watch keeps them between changes). */
  paths: string[];
  hashes: string[];
  /** The content-hash cache this run read and saved. */
  cache: PageCache;
  /** The folder page paths are shown relative to (ReadModelOptions.relativeTo). */
  base: string | undefined;
  cacheHits: number;
  parsed: number;
  bytes: number;
}

/**
 * Every page under `docs` (a folder), or exactly the pages listed. Throws UnusableInputError for a
 * missing or empty folder or an unreadable page.
 */
export async function readModel(docs: string | { pages: readonly string[] }, options: ReadModelOptions = {}): Promise<ReadModelResult> {
  const files = typeof docs === 'string' ? listPages(docs) : [...docs.pages];
  if (files.length === 0) throw new UnusableInputError(typeof docs === 'string' ? `no .md or .mdx pages under '${docs}'` : 'no pages given');
  const progress = options.onProgress ?? (() => {});

  const cacheFile = options.cacheFile ?? (typeof docs === 'string' ? defaultCacheFile(docs) : false);
  const cache = new PageCache(cacheFile === false ? undefined : cacheFile);
  const base = options.relativeTo ?? (typeof docs === 'string' ? dirname(resolve(docs)) : undefined);
  const shown = files.map((f) => displayPath(resolve(f), base));
  const hashes: string[] = [];
  const outcomes: PageOutcome[] = new Array(files.length);
  const toParse: Array<{ index: number; file: string; text: string }> = [];
  let bytes = 0;
  progress({ phase: 'read', done: 0, total: files.length });
  files.forEach((f, k) => {
    const text = readText(f, shown[k]);
    bytes += Buffer.byteLength(text);
    const hash = pageHash(shown[k], text);
    hashes.push(hash);
    const hit = cache.get(hash);
    if (hit) outcomes[k] = { file: shown[k], record: hit, selected: true };
    else toParse.push({ index: k, file: shown[k], text });
    progress({ phase: 'read', done: k + 1, total: files.length });
  });

  progress({ phase: 'parse', done: 0, total: toParse.length });
  const results = await extractAll(toParse, (n) => progress({ phase: 'parse', done: n, total: toParse.length }), options.threads, options.pageBudgetMs, options.pool);
  options.onExtracted?.();
  results.forEach((record, k) => {
    const { index } = toParse[k];
    cache.set(hashes[index], record);
    outcomes[index] = { file: shown[index], record, selected: true };
  });
  if (!options.deferCacheSave) cache.save();

  select(outcomes, options);
  return { built: buildModel(outcomes), files: shown, pages: outcomes, paths: files, hashes, cache, base, cacheHits: cache.hits, parsed: toParse.length, bytes };
}

/** A page's key in the content-hash cache: its path as shown (diagnostics carry it) and its bytes. */
export function pageHash(shown: string, text: string): string {
  return hashText(`${shown}\u0000${text}`);
}

/** The model of a few pages, parsed in this thread, no cache: what tests and small tools need. */
export function readModelSync(pages: readonly string[], options: Pick<ReadModelOptions, 'include' | 'exclude' | 'relativeTo' | 'pageBudgetMs'> = {}): Model {
  const outcomes = pages.map((f): PageOutcome => {
    const file = displayPath(f, options.relativeTo);
    return { file, record: readPage(readText(f, file), file, options.pageBudgetMs), selected: true };
  });
  select(outcomes, options);
  return parseModel(buildModel(outcomes).text);
}

/** The Model itself, parsed from the assembled text (and decoded: core/model-codec.ts): what emitters and the mock read. */
export function modelOf(result: ReadModelResult): Model {
  return parseModel(result.built.text);
}

function select(outcomes: PageOutcome[], options: Pick<ReadModelOptions, 'include' | 'exclude'>): void {
  const selected = selector(options);
  for (const o of outcomes) {
    const id = o.record.id;
    if (id) o.selected = selected(id);
  }
}

/** Whether --include and --exclude keep a resource id. */
export function selector(options: Pick<ReadModelOptions, 'include' | 'exclude'>): (id: string) => boolean {
  const isIncluded = options.include?.length ? picomatch(options.include) : () => true;
  const isExcluded = options.exclude?.length ? picomatch(options.exclude) : () => false;
  return (id) => isIncluded(id) && !isExcluded(id);
}

function readText(file: string, shown: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UnusableInputError(`cannot read '${shown}': ${(e as Error).message}`);
  }
}

/**
 * node_modules/.cache is where build tools keep caches: ignored by git, cleared by `npm ci`. One
 * file per docs folder, under `projectDir` (the CLI passes the config's folder; default cwd).
 */
export function defaultCacheFile(docs: string, projectDir = process.cwd()): string {
  return join(projectDir, 'node_modules', '.cache', 'stackql-docgen', `${hashText(resolve(docs)).slice(0, 12)}.json`);
}

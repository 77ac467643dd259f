/**
 * Docs in, model out: the one way a folder of doc pages becomes a Model, used by `generate`, the
 * mock server's --docs, the benchmarks and the tests. List the pages, read and hash them, extract
 * what the content-hash cache does not already hold (on every core), keep the resources --include
 * and --exclude select, and assemble the model (each resource was validated against the schema
 * where it was extracted).
 */
import { readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { Model } from './core/model.ts';
import { parseModel } from './core/model-codec.ts';
import { buildModel, type BuiltModel, type PageOutcome } from './model/build-model.ts';
import { loadModelRecord, modelInput, saveModelRecord, type ModelRecord } from './model/model-record.ts';
import type { ProgressListener } from './phases.ts';
import { extractAll, extractStream, readPage, worthWorkers, type Pool } from './pool.ts';
import type { PageRecord } from './model/page-record.ts';
import { PageCache, hashText, pageCacheReady, parserIdentity } from './read/cache.ts';
import { StatIndex } from './read/page-index.ts';
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
  /** Pages not read: the stat index vouched that their files are as when last hashed. */
  unread: number;
  /** True when the model came from the model record (its text is assembled on first use). */
  recalled: boolean;
  /** Whether the model was assembled from its pages (always, unless recalled and not asked for since). */
  readonly assembled: boolean;
}

/**
 * Every page under `docs` (a folder), or exactly the pages listed. Throws UnusableInputError for a
 * missing or empty folder or an unreadable page.
 *
 * With a cache file, two more files beside it make a run over unchanged docs cheap: the stat index
 * (read/page-index.ts) gives the hash of a page whose file is as it was, without reading it, and
 * the model record (model/model-record.ts) gives what the model of those hashes came to. When both
 * answer (and the page cache is there to fall back on), the model is recalled, not assembled: its
 * summary, diagnostics, size and hash are the record's, and its text, resources and page records
 * are assembled (from the page cache) only when first asked for, which `generate` does not do for
 * an output folder already written from that model.
 */
export async function readModel(docs: string | { pages: readonly string[] }, options: ReadModelOptions = {}): Promise<ReadModelResult> {
  const files = typeof docs === 'string' ? listPages(docs) : [...docs.pages];
  if (files.length === 0) throw new UnusableInputError(typeof docs === 'string' ? `no .md or .mdx pages under '${docs}'` : 'no pages given');
  const progress = options.onProgress ?? (() => {});

  const cacheFile = options.cacheFile ?? (typeof docs === 'string' ? defaultCacheFile(docs) : false);
  const base = options.relativeTo ?? (typeof docs === 'string' ? dirname(resolve(docs)) : undefined);
  const shown = files.map((f) => displayPath(resolve(f), base));
  const index = new StatIndex(cacheFile === false ? undefined : statIndexFile(cacheFile));
  const hashes: string[] = new Array(files.length);
  // The text of each page read (the others the stat index vouched for), until it is parsed or found cached.
  const texts: Array<string | undefined> = new Array(files.length);
  let bytes = 0;
  // With no page cache to answer, every page is parsed: the workers start before the first page is
  // read, and parse the pages a batch at a time as they are read (a worker takes about as long to
  // boot as this thread takes to read and hash a provider's pages).
  let stream: ReturnType<typeof extractStream> | undefined;
  if (options.pool && worthWorkers(files.length, options.threads) && (cacheFile === false || !pageCacheReady(cacheFile))) {
    options.pool.warm();
    stream = extractStream(options.pool, options.pageBudgetMs);
  }
  // Taken before any page is looked at: the stat index's rule compares the pages' times with it.
  const readAt = Date.now();
  progress({ phase: 'read', done: 0, total: files.length });
  try {
    for (let k = 0; k < files.length; k++) {
      const f = files[k]!;
      const st = cacheFile === false ? undefined : statPage(f, shown[k]!);
      // Streamed, every page is read here: the page cache, which the stat index would send it to, has none.
      const known = !stream && st && index.lookup(f, shown[k]!, st);
      if (known) {
        hashes[k] = known.hash;
        bytes += known.bytes;
      } else {
        const text = readText(f, shown[k]!);
        const n = Buffer.byteLength(text);
        bytes += n;
        hashes[k] = pageHash(shown[k]!, text);
        texts[k] = text;
        if (st) index.record(f, shown[k]!, st, readAt, hashes[k]!, n);
        if (stream) {
          stream.add({ file: shown[k]!, text });
          // Now and then the results of the workers are taken, and more pages handed to them.
          if (k % STREAM_YIELD === STREAM_YIELD - 1) await new Promise((resolveTurn) => setImmediate(resolveTurn));
        }
      }
      progress({ phase: 'read', done: k + 1, total: files.length });
    }
  } catch (e) {
    stream?.abandon();
    throw e;
  }
  index.save();

  if (cacheFile !== false && !stream) {
    const record = pageCacheReady(cacheFile) ? loadModelRecord(modelRecordFile(cacheFile), modelInput(parserIdentity(), hashes, options)) : undefined;
    if (record) {
      // Nothing to parse: the phase is reported all the same (progress and --reporter json list every phase).
      progress({ phase: 'parse', done: 0, total: 0 });
      return recalled(record, { files, shown, hashes, bytes, base, cacheFile, hits: index.hits }, options);
    }
  }

  const cache = new PageCache(cacheFile === false ? undefined : cacheFile);
  const outcomes: PageOutcome[] = new Array(files.length);
  const toParse: Array<{ index: number; file: string; text: string }> = [];
  for (let k = 0; k < files.length; k++) {
    // Streamed: every page is with the workers already, in this order (the cache has none of them).
    const hit = stream ? undefined : cache.get(hashes[k]!);
    if (hit) outcomes[k] = { file: shown[k]!, record: hit, selected: true };
    else {
      // A page the stat index vouched for that the page cache lacks: read now, and hashed as read.
      let text = texts[k];
      if (text === undefined) {
        text = readText(files[k]!, shown[k]!);
        hashes[k] = pageHash(shown[k]!, text);
      }
      toParse.push({ index: k, file: shown[k]!, text });
    }
    texts[k] = undefined;
  }

  let results: PageRecord[];
  if (stream) results = await stream.finish((done, total) => progress({ phase: 'parse', done, total }));
  else {
    progress({ phase: 'parse', done: 0, total: toParse.length });
    results = await extractAll(toParse, (n) => progress({ phase: 'parse', done: n, total: toParse.length }), options.threads, options.pageBudgetMs, options.pool);
  }
  results.forEach((record, k) => {
    const { index } = toParse[k]!;
    cache.set(hashes[index]!, record);
    outcomes[index] = { file: shown[index]!, record, selected: true };
  });
  if (!options.deferCacheSave) cache.save();

  select(outcomes, options);
  const built = buildModel(outcomes);
  // A record over its time budget depends on the machine's load: neither cached nor recorded.
  if (cacheFile !== false && !results.some((r) => r.reason === OVER_BUDGET)) saveModelRecord(modelRecordFile(cacheFile), modelInput(parserIdentity(), hashes, options), built);
  return { built, files: shown, pages: outcomes, paths: files, hashes, cache, base, cacheHits: cache.hits, parsed: toParse.length, bytes, unread: index.hits, recalled: false, assembled: true };
}

/**
 * The result of a run whose model the record gave: the page records, the page cache and the
 * model's text and resources are assembled on first use (in this thread, from the page cache;
 * a page it lacks is parsed here), and must then be the model recorded.
 */
function recalled(
  record: ModelRecord,
  run: { files: string[]; shown: string[]; hashes: string[]; bytes: number; base: string | undefined; cacheFile: string; hits: number },
  options: ReadModelOptions,
): ReadModelResult {
  const { files, shown, hashes, cacheFile } = run;
  let full: { pages: PageOutcome[]; built: BuiltModel; cache: PageCache } | undefined;
  const assemble = () => {
    if (full) return full;
    const cache = new PageCache(cacheFile);
    const pages = files.map((f, k): PageOutcome => {
      let found = cache.get(hashes[k]!);
      if (!found) {
        const text = readText(f, shown[k]!);
        if (pageHash(shown[k]!, text) !== hashes[k]) throw new UnusableInputError(`'${shown[k]}' changed while generate was running: run it again`);
        found = readPage(text, shown[k]!, options.pageBudgetMs);
        cache.set(hashes[k]!, found);
      }
      return { file: shown[k]!, record: found, selected: true };
    });
    cache.save();
    select(pages, options);
    const built = buildModel(pages);
    if (built.hash !== record.hash) {
      // A page the cache lacked was over its time budget this time, or the cache was tampered with.
      rmSync(modelRecordFile(cacheFile), { force: true });
      throw new Error(`the model assembled from the page cache is not the one recorded in ${modelRecordFile(cacheFile)} (removed now): run generate again`);
    }
    return (full = { pages, built, cache });
  };
  const built: BuiltModel = {
    summary: record.summary,
    diagnostics: record.diagnostics,
    bytes: record.bytes,
    hash: record.hash,
    get text() {
      return assemble().built.text;
    },
    get parts() {
      return assemble().built.parts;
    },
    get resources() {
      return assemble().built.resources;
    },
  };
  return {
    built,
    files: shown,
    get pages() {
      return assemble().pages;
    },
    paths: files,
    hashes,
    get cache() {
      return assemble().cache;
    },
    base: run.base,
    cacheHits: files.length,
    parsed: 0,
    bytes: run.bytes,
    unread: run.hits,
    recalled: true,
    get assembled() {
      return full !== undefined;
    },
  };
}

const OVER_BUDGET = 'over-budget';

/** Pages read between two turns of the event loop when they are parsed as they are read: a batch. */
const STREAM_YIELD = 16;

/** Beside the page cache: the stat index (read/page-index.ts) and the model record (model/model-record.ts). */
export function statIndexFile(cacheFile: string): string {
  return `${cacheFile.replace(/\.json$/, '')}.stat.txt`;
}

export function modelRecordFile(cacheFile: string): string {
  return `${cacheFile.replace(/\.json$/, '')}.model.txt`;
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

function statPage(file: string, shown: string): Stats {
  try {
    return statSync(file);
  } catch (e) {
    throw new UnusableInputError(`cannot read '${shown}': ${(e as Error).message}`);
  }
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

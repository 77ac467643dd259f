/**
 * `generate --watch` as one long-lived run: the first change is a whole generate, and what it read
 * and wrote stays in memory (each page's hash and record, each resource's JSON, place in the
 * layout and files). A changed page is then read and extracted alone (in this thread: one page is
 * quicker here than a worker is to start), the model reassembled from the records, only the
 * resources whose JSON or place changed emitted, and the files whose bytes changed written in
 * place, with model.json and the indexes, which are emitted whole and written when they differ
 * (watch-change.ts). The folder ends as a whole generate of the same docs would write it, stamp
 * included, so the next plain generate finds it up to date.
 *
 * The session falls back to a whole generate when it cannot vouch for the folder (the last run was
 * refused or failed, or the folder's stamp is not the one it wrote) or when many pages changed at
 * once (a branch switch), where the workers pay off.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from './core/model.ts';
import type { EmittedFile } from './emit/emitted-file.ts';
import { isRuntimeCopy } from './emit/runtime-bundle.ts';
import { emitResources, type ResourceEntry } from './emit-resources.ts';
import { buildModel, type BuiltModel, type PageOutcome } from './model/build-model.ts';
import { generateKeepingState, MAX_REMOVED_SHARE, outputStamp, type GenerateOptions, type GenerateResult, type Refusal, type RunState } from './pipeline.ts';
import { createPool, readPage, runBatch } from './pool.ts';
import { pageHash, selector } from './read-model.ts';
import type { PageCache } from './read/cache.ts';
import { UnusableInputError, displayPath, listPages } from './read/list-pages.ts';
import { writeFileAtomic } from './write/atomic.ts';
import { outputKey, previousFiles, sameContent, type WriteCounts } from './write/outputs.ts';
import { applyChange, planChange, writtenFrom, type Written } from './watch-change.ts';

export interface PageChange {
  /** The page as shown (model paths). */
  file: string;
  change: 'edited' | 'added' | 'removed' | 'unchanged';
}

export interface WatchUpdate {
  /** The pages the change touched. */
  pages: PageChange[];
  /** Set when the session ran a whole generate instead, and why. */
  full?: { result: GenerateResult; why: string };
  /** The model after the change. */
  model: BuiltModel;
  /** Ids of the resources emitted, and of those whose files were removed. */
  emitted: string[];
  removed: string[];
  /** What writing did (files); absent when nothing was to be written or a gate refused. */
  writes?: WriteCounts;
  refused?: Refusal;
  /** The model's diagnostics of the pages changed. */
  diagnostics: Diagnostic[];
  /** Milliseconds spent reading and extracting the pages, assembling the model, emitting, writing. */
  phases: { read: number; model: number; emit: number; write: number };
}

interface Page {
  hash: string;
  outcome: PageOutcome;
}

/** More pages than this changed at once: a whole generate, on the workers. */
const MANY_PAGES = 96;
const PAGE = /\.mdx?$/i;

export class WatchSession {
  private state!: Omit<RunState, 'read'>;
  private pageCache!: PageCache;
  /** Where page paths are shown from (ReadModelResult.base). */
  private base: string | undefined;
  /** Every page as listed (listPages' paths, sorted), with its hash and record. */
  private pages = new Map<string, Page>();
  private order: string[] = [];
  private model!: BuiltModel;
  private written: Written | undefined;
  /** A page's record changed since the model was last assembled. */
  private stale = false;
  private readonly selected: (id: string) => boolean;

  private constructor(private readonly options: GenerateOptions) {
    this.selected = selector(options);
  }

  /** The first run: a whole generate, remembered. */
  static async start(options: GenerateOptions): Promise<{ session: WatchSession; result: GenerateResult }> {
    const session = new WatchSession(options);
    const result = await session.whole();
    session.warmUp();
    return { session, result };
  }

  /**
   * The first run read and emitted on the workers: one page read and its resource emitted here,
   * results dropped, so the first change does not also pay for compiling the reader and the
   * emitters in this thread (about as long again as the change itself).
   */
  private warmUp(): void {
    const first = this.model.resources[0];
    const file = this.order.find((f) => this.pages.get(f)!.outcome.file === first?.file);
    if (!first || !file) return;
    try {
      readPage(readFileSync(file, 'utf8'), first.file, this.options.pageBudgetMs);
    } catch {
      return; // the page moved meanwhile: the change that follows reads it
    }
    runBatch({ kind: 'emit', id: 0, resources: [{ json: first.json, path: 'warm/up/resource' }], outputs: this.state.outputs, runtime: this.state.runtime });
  }

  /**
   * Brings the output up to date after a change of `names` (paths under the docs folder, as the
   * file watcher gives them; a name that is no page, such as a folder, has the folder listed
   * again). Undefined when no page was touched.
   */
  async update(names: readonly string[]): Promise<WatchUpdate | undefined> {
    let lap = performance.now();
    const since = () => {
      const now = performance.now();
      const ms = now - lap;
      lap = now;
      return ms;
    };
    const touched = this.touchedPages(names);
    if (touched.length === 0) return undefined;
    if (touched.length > MANY_PAGES) return this.wholeUpdate(touched, `${touched.length} pages changed`);
    const written = this.written;
    if (written === undefined) return this.wholeUpdate(touched, 'the last run did not write the output folder');
    if (outputKey(this.options.out) !== written.key) return this.wholeUpdate(touched, 'the output folder is not as this watch left it');

    const pages = touched.map((file) => this.reread(file));
    const changed = pages.filter((p) => p.change !== 'unchanged');
    const shownChanged = new Set(changed.map((p) => p.file));
    if (this.stale) this.pageCache.save();
    const phases = { read: since(), model: 0, emit: 0, write: 0 };
    const rebuilt = this.stale;
    if (this.stale) {
      this.model = buildModel(this.order.map((f) => this.pages.get(f)!.outcome));
      this.stale = false;
    }
    const model = this.model;
    const update: WatchUpdate = { pages, model, emitted: [], removed: [], diagnostics: model.diagnostics.filter((d) => shownChanged.has(d.file)), phases };
    // No record changed since the last change was applied (or refused).
    if (!rebuilt) return update;
    const bytes = Buffer.from(model.text);
    const key = outputStamp(this.state.emitter, model.hash);
    phases.model = since();
    if (key === written.key) return update;

    const serious = model.diagnostics.filter((d) => d.severity !== 'info').length;
    if (this.options.strict && serious > 0) {
      update.refused = { reason: 'strict', serious };
      return update;
    }
    try {
      const change = await planChange(model, bytes, key, written, { out: this.options.out, outputs: this.state.outputs, runtime: this.state.runtime, ...(this.options.threads !== undefined ? { threads: this.options.threads } : {}) });
      phases.emit = since();
      const previous = [...written.files].filter((f) => !isRuntimeCopy(f));
      const removing = change.remove.filter((f) => !isRuntimeCopy(f));
      if (!this.options.force && previous.length > 0 && removing.length > previous.length * MAX_REMOVED_SHARE) {
        update.refused = { reason: 'removal', removing: removing.length, previous: previous.length, sample: removing.slice(0, 5) };
        return update;
      }
      update.writes = applyChange(this.options.out, change, written, this.state.emitCache());
      this.written = change.next;
      update.emitted = change.emitted.map((e) => e.id);
      update.removed = change.gone;
      phases.write = since();
    } catch (e) {
      // Part of the change may be written: the next change regenerates the whole folder.
      this.written = undefined;
      throw e;
    }
    return update;
  }

  private async whole(): Promise<GenerateResult> {
    const { result, state } = await generateKeepingState(this.options);
    // The pages' records are kept, and the model as it changes; not the run's first model (tens of MB).
    const { read, ...rest } = state;
    this.state = rest;
    this.pageCache = read.cache;
    this.base = read.base;
    this.pages = new Map(read.paths.map((file, k) => [file, { hash: read.hashes[k]!, outcome: read.pages[k]! }]));
    this.order = [...read.paths];
    this.model = result.model;
    this.stale = false;
    this.written = undefined;
    if (state.entries) this.written = this.writtenOf(state.entries, state.key);
    else if (result.upToDate) this.written = this.writtenOf(await this.survey(), state.key);
    return result;
  }

  private async wholeUpdate(touched: string[], why: string): Promise<WatchUpdate> {
    const pages = touched.map((f): PageChange => ({ file: this.shown(f), change: !this.pages.has(f) ? 'added' : existsSync(f) ? 'edited' : 'removed' }));
    const result = await this.whole();
    const shown = new Set(pages.map((p) => p.file));
    const update: WatchUpdate = {
      pages,
      full: { result, why },
      model: result.model,
      emitted: [],
      removed: [],
      diagnostics: result.model.diagnostics.filter((d) => shown.has(d.file)),
      phases: { read: 0, model: 0, emit: 0, write: 0 },
    };
    if (result.writes) update.writes = result.writes;
    if (result.refused) update.refused = result.refused;
    return update;
  }

  /**
   * Each resource's entry when generate found the folder up to date and emitted nothing: from the
   * emit cache where its files are there with the sizes it says, emitted otherwise (and any file
   * whose bytes differ from the folder's written, which an up-to-date folder should not have).
   */
  private async survey(): Promise<ResourceEntry[]> {
    const out = this.options.out;
    const cache = this.state.emitCache();
    const sizesMatch = (files: ReadonlyArray<readonly [string, number]>) =>
      files.every(([path, size]) => {
        try {
          return lstatSync(join(out, path)).size === size;
        } catch {
          return false;
        }
      });
    const write = (f: EmittedFile) => {
      if (!sameContent(join(out, f.path), f.content)) writeFileAtomic(join(out, f.path), f.content);
    };
    const pool = createPool(this.options.threads);
    try {
      const run = await emitResources(this.model, { outputs: this.state.outputs, runtime: this.state.runtime, sink: write, keep: sizesMatch, pool, ...(cache ? { cache } : {}), ...(this.options.threads !== undefined ? { threads: this.options.threads } : {}) });
      cache?.save();
      return run.entries;
    } finally {
      await pool.close();
    }
  }

  private writtenOf(entries: readonly ResourceEntry[], key: string): Written | undefined {
    return outputKey(this.options.out) === key ? writtenFrom(this.model, entries, key, previousFiles(this.options.out)) : undefined;
  }

  /** The pages (as listed) that `names` touch: added, removed or written. */
  private touchedPages(names: readonly string[]): string[] {
    const docs = this.options.docs;
    const touched = new Set<string>();
    let relist = false;
    for (const name of names) {
      const parts = name.split(/[\\/]/);
      // What listPages never lists: hidden folders and files, node_modules.
      if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) continue;
      const file = join(docs, name);
      // A page; else a folder (moved in or out, or gone: a name of no page known and no longer there).
      if (PAGE.test(name) && !isFolder(file) && (this.pages.has(file) || existsSync(file))) touched.add(file);
      else relist = true;
    }
    if (relist) {
      const now = listPages(docs);
      const listed = new Set(now);
      for (const f of now) if (!this.pages.has(f)) touched.add(f);
      for (const f of this.pages.keys()) if (!listed.has(f)) touched.add(f);
    }
    return [...touched].sort();
  }

  /** Reads one page again: its record replaced, added or dropped. */
  private reread(file: string): PageChange {
    const shown = this.shown(file);
    const known = this.pages.get(file);
    const cache = this.pageCache;
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      // Gone; a page there that cannot be read stops the run, as it stops generate.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UnusableInputError(`cannot read '${shown}': ${(e as Error).message}`);
    }
    if (text === undefined) {
      if (!known) return { file: shown, change: 'unchanged' };
      cache.forget(known.hash);
      this.stale = true;
      this.pages.delete(file);
      this.order.splice(this.order.indexOf(file), 1);
      return { file: shown, change: 'removed' };
    }
    const hash = pageHash(shown, text);
    if (known?.hash === hash) return { file: shown, change: 'unchanged' };
    let record = cache.get(hash);
    if (!record) {
      record = readPage(text, shown, this.options.pageBudgetMs);
      cache.set(hash, record);
    }
    if (known) cache.forget(known.hash);
    const outcome: PageOutcome = { file: shown, record, selected: record.id ? this.selected(record.id) : true };
    this.stale = true;
    this.pages.set(file, { hash, outcome });
    if (!known) this.order.splice(insertionPoint(this.order, file), 0, file);
    return { file: shown, change: known ? 'edited' : 'added' };
  }

  private shown(file: string): string {
    return displayPath(resolve(file), this.base);
  }
}

function isFolder(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Where `file` goes in the sorted list (listPages' order: the default string order). */
function insertionPoint(sorted: readonly string[], file: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < file) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Work on all cores: a small pool of worker threads fed batches, two in flight per worker so none
 * waits for the main thread. Three kinds of batch: pages to extract (text → PageRecord), resources to emit (resource JSON + layout path → files, or,
 * given a staging folder, the files staged right there and what was staged), and the index files
 * (staged likewise). One pool serves both phases of a run: the workers that extracted the pages
 * emit the files too. (Fresh workers for emitting, to drop the heap an extraction worker grew to,
 * cost two more worker boots and two more isolates compiling the generator a cold run: google
 * microsite took ~19% more CPU with them, registry-docs ~12% more CPU and no less peak RSS.)
 * Small runs stay in the main thread, where starting workers would cost more than it saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { OutputName, RuntimeMode } from './config/define-config.ts';
import { decodeResource } from './core/model-codec.ts';
import { emitIndexFiles, emitResourceFiles, type EmittedFile, type HandlerHead, type ModelRanges, type ResourceEmit } from './emit/index.ts';
import { factsText, readmeFacts } from './emit/readme.ts';
import { extractPageSafely } from './extract/resource.ts';
import { toRecord, type PageRecord } from './model/page-record.ts';
import { stageFile, type StageTarget } from './write/outputs.ts';

export interface ExtractBatch {
  kind: 'extract';
  id: number;
  pages: Array<{ file: string; text: string }>;
  /** Per-page time budget (ms). */
  budgetMs?: number;
}
export interface EmitBatch {
  kind: 'emit';
  id: number;
  /** Each resource as model.json has it, its place in the layout, and whether it is a view without its base. */
  resources: Array<{ json: string; path: string }>;
  outputs: OutputName[];
  runtime: RuntimeMode;
  /** Stage the files here (in the thread that emits them) and give back what was staged, not the files. */
  stage?: StageTarget;
}
/** The files that list resources (emitIndexFiles), staged where they are emitted. */
export interface IndexBatch {
  kind: 'indexes';
  id: number;
  heads: HandlerHead[];
  model: ModelRanges;
  outputs: OutputName[];
  runtime: RuntimeMode;
  stage: StageTarget;
}
export type Batch = ExtractBatch | EmitBatch | IndexBatch;
/** A resource's files as staged by the thread that emitted them: each path and size, README facts, how many written. */
export interface StagedResource {
  files: Array<[path: string, size: number]>;
  facts: string;
  written: number;
}
export type BatchResult =
  | { kind: 'extract'; id: number; records: PageRecord[] }
  | { kind: 'emit'; id: number; emitted: ResourceEmit[] }
  | { kind: 'staged'; id: number; staged: StagedResource[] }
  | { kind: 'staged-indexes'; id: number; staged: StagedResource };

const BATCH = 16;
/** Batches in flight per worker: one running, one waiting, so none waits for the main thread. */
const IN_FLIGHT = 2;
const MIN_PAGES_FOR_WORKERS = 96;

/** One page, text to record: the unit of work, the same in a worker and in the main thread. */
export function readPage(text: string, file: string, budgetMs?: number): PageRecord {
  return toRecord(extractPageSafely(text, file, { budgetMs }));
}

/** The folders this thread has made in the staging folder it stages to now (stageFile makes each once). */
let made = { staging: '', folders: new Set<string>() };

/** One batch, in whatever thread runs it. */
export function runBatch(batch: Batch): BatchResult {
  if (batch.kind === 'extract') return { kind: 'extract', id: batch.id, records: batch.pages.map((p) => readPage(p.text, p.file, batch.budgetMs)) };
  if (batch.kind === 'indexes') {
    const files = emitIndexFiles(batch.heads, batch.model, batch.outputs, batch.runtime);
    return { kind: 'staged-indexes', id: batch.id, staged: stageAll(batch.stage, files) };
  }
  const emitted = batch.resources.map((r) => emitResourceFiles(decodeResource(JSON.parse(r.json)), r.path, batch.outputs, batch.runtime));
  const target = batch.stage;
  if (target === undefined) return { kind: 'emit', id: batch.id, emitted };
  return { kind: 'staged', id: batch.id, staged: emitted.map((e) => stageAll(target, e.files)) };
}

/** Stages files in this thread: what the main thread needs to know of them. */
function stageAll(target: StageTarget, emitted: readonly EmittedFile[]): StagedResource {
  if (made.staging !== target.staging) made = { staging: target.staging, folders: new Set() };
  let written = 0;
  const files = emitted.map((f): [string, number] => {
    if (stageFile(target, made.folders, f.path, f.content)) written++;
    return [f.path, Buffer.byteLength(f.content)];
  });
  return { files, facts: factsText(readmeFacts(emitted)), written };
}

/**
 * How many batches a worker may have in flight when `left` are still to hand out among `workers`:
 * `ahead` (at least IN_FLIGHT) while there are many; then half a worker's share of what is left,
 * so that when the batches run out no worker still has a queue while another has none.
 */
export function queueLimit(left: number, workers: number, ahead = IN_FLIGHT): number {
  return Math.max(IN_FLIGHT, Math.min(ahead, Math.floor(left / (2 * Math.max(1, workers)))));
}

/** True when `count` items are worth starting workers for. */
export function worthWorkers(count: number, threads = availableParallelism()): boolean {
  return count >= MIN_PAGES_FOR_WORKERS && threads >= 2;
}

/** Cuts items into batches of BATCH; `make(first index, items)`. */
export function batchesOf<T, B>(items: readonly T[], make: (id: number, part: T[]) => B): B[] {
  const out: B[] = [];
  for (let k = 0; k < items.length; k += BATCH) out.push(make(k, items.slice(k, k + BATCH)));
  return out;
}

export interface Pool {
  /**
   * Runs the batches on the workers; `onResult` gets each result as it arrives. `ahead`: batches
   * queued per worker at most (default 2); fewer as the batches run out, so no worker is left
   * with a queue while another has none. Given a BatchFeed, every worker takes batches as they
   * are pushed, and waits for more until the feed ends.
   */
  run(batches: Batch[] | BatchFeed, onResult: (result: BatchResult) => void, options?: { ahead?: number }): Promise<void>;
  /**
   * Starts the workers now if none are running, so that they boot while the caller does other
   * work (generate reads the pages meanwhile, when none of them is in the page cache).
   */
  warm(): void;
  close(): Promise<void>;
  /** Worker threads started so far (one set for a whole generate run, however many phases use it). */
  readonly started: number;
}

/**
 * Batches handed to Pool.run as they are made (generate: the pages of a cold run as they are
 * read), so the workers start on the first while the rest are being made.
 */
export class BatchFeed {
  readonly batches: Batch[] = [];
  ended = false;
  private readonly listeners = new Set<() => void>();

  push(batch: Batch): void {
    this.batches.push(batch);
    this.wake();
  }

  /** No more batches: a run on the feed ends once those pushed are done. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Calls `listener` on every push and on end(), until the function returned is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private wake(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Workers started on first use (or warm()) and kept until close(); a run() after close() starts new ones. */
export function createPool(threads = availableParallelism()): Pool {
  let workers: Worker[] | undefined;
  let started = 0;
  const start = () => {
    tuneCompiler();
    return Array.from({ length: Math.max(1, threads) }, () => (started++, startWorker()));
  };
  return {
    get started() {
      return started;
    },
    async run(given, onResult, options = {}) {
      const feed = Array.isArray(given) ? undefined : given;
      const batches = feed ? feed.batches : (given as Batch[]);
      if (!feed && batches.length === 0) return;
      workers ??= start();
      let next = 0;
      let failed: Error | undefined;
      const open = () => feed !== undefined && !feed.ended;
      const used = feed ? workers : workers.slice(0, Math.max(1, Math.min(workers.length, Math.ceil(batches.length / 2))));
      const ahead = () => queueLimit(open() ? Infinity : batches.length - next, used.length, options.ahead);
      await Promise.all(
        used.map(
          (w) =>
            new Promise<void>((resolveWorker, reject) => {
              let inFlight = 0;
              let done = false;
              const send = () => {
                if (done) return;
                while (inFlight < ahead() && next < batches.length && !failed) {
                  w.postMessage(batches[next++]);
                  inFlight++;
                }
                if (inFlight === 0 && (!open() || failed)) finish();
              };
              const unlisten = feed?.listen(send);
              const onMessage = (r: BatchResult) => {
                inFlight--;
                try {
                  onResult(r);
                } catch (e) {
                  failed = e as Error;
                }
                send();
              };
              const onError = (e: Error) => {
                failed = e;
                finish();
              };
              const finish = () => {
                done = true;
                unlisten?.();
                w.off('message', onMessage);
                w.off('error', onError);
                if (failed) reject(failed);
                else resolveWorker();
              };
              w.on('message', onMessage);
              w.on('error', onError);
              send();
            }),
        ),
      );
    },
    warm() {
      workers ??= start();
    },
    async close() {
      const all = workers ?? [];
      workers = undefined;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

export async function extractAll(
  pages: Array<{ file: string; text: string }>,
  onProgress: (done: number) => void,
  threads = availableParallelism(),
  budgetMs?: number,
  pool?: Pool,
): Promise<PageRecord[]> {
  if (!worthWorkers(pages.length, threads)) {
    return pages.map((p, k) => {
      const r = readPage(p.text, p.file, budgetMs);
      onProgress(k + 1);
      return r;
    });
  }
  const records: PageRecord[] = new Array(pages.length);
  const batches = batchesOf(pages, (id, part): Batch => ({ kind: 'extract', id, pages: part, budgetMs }));
  let done = 0;
  const own = pool ?? createPool(threads);
  try {
    await own.run(batches, (r) => {
      if (r.kind !== 'extract') return;
      r.records.forEach((rec, k) => (records[r.id + k] = rec));
      done += r.records.length;
      onProgress(done);
    });
  } finally {
    if (!pool) await own.close();
  }
  return records;
}

/**
 * extractAll for pages still being read: `add` each page as it is read (it goes to the workers a
 * batch at a time), then `finish` once all are added for every record, in the order added.
 * `onProgress` hears of the pages done while finish() is awaited (the run's parse phase); the
 * count of those done before is given to it first.
 */
export function extractStream(pool: Pool, budgetMs?: number): {
  add(page: { file: string; text: string }): void;
  finish(onProgress: (done: number, total: number) => void): Promise<PageRecord[]>;
  /** No more pages (reading failed): the workers finish those they have and the run ends. */
  abandon(): void;
} {
  const feed = new BatchFeed();
  const records: PageRecord[] = [];
  let pending: Array<{ file: string; text: string }> = [];
  let added = 0;
  let done = 0;
  let report: ((done: number, total: number) => void) | undefined;
  const flush = () => {
    if (pending.length === 0) return;
    feed.push({ kind: 'extract', id: added - pending.length, pages: pending, budgetMs });
    pending = [];
  };
  // Started at once: the workers (pool.warm) take the first batch as soon as it is pushed.
  const running = pool.run(feed, (r) => {
    if (r.kind !== 'extract') return;
    r.records.forEach((rec, k) => (records[r.id + k] = rec));
    done += r.records.length;
    report?.(done, added);
  }, { ahead: IN_FLIGHT });
  // A worker's failure is seen (and thrown) by finish().
  running.catch(() => {});
  return {
    add(page) {
      pending.push(page);
      added++;
      if (pending.length === BATCH) flush();
    },
    async finish(onProgress) {
      flush();
      report = onProgress;
      onProgress(done, added);
      feed.end();
      await running;
      return records;
    },
    abandon() {
      feed.end();
    },
  };
}

/**
 * V8 flags for a run on workers: each worker is an isolate of its own that JIT-compiles the
 * generator's code again, and V8's optimizing compiler (TurboFan, on the process's background
 * threads) then took about a third of a cold run's CPU (perf: 27-35% of user time), on the same
 * cores as the workers. Tiering up later (a larger interrupt budget: only functions that stay
 * hot are optimized) and inlining less (smaller graphs to compile) roughly halve that share, for
 * about a sixth less CPU in all; the output is the same (the flags change when code is optimized,
 * never what it does). Set once per process, before the first worker starts (V8's flags are the
 * process's, so this thread's code sees them too); a flag the process was started with (node
 * options, NODE_OPTIONS) is left as given.
 */
export const COMPILER_FLAGS: readonly string[] = ['--interrupt-budget=200000', '--max-inlined-bytecode-size-cumulative=300'];

let compilerTuned = false;

export function tuneCompiler(): void {
  if (compilerTuned) return;
  compilerTuned = true;
  for (const flag of compilerFlagsFor(`${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`)) setFlagsFromString(flag);
}

/** COMPILER_FLAGS less those the process's options (`given`) set already (V8 reads `_` as `-`). */
export function compilerFlagsFor(given: string): string[] {
  const options = given.replace(/_/g, '-').split(/\s+/);
  return COMPILER_FLAGS.filter((flag) => {
    const name = flag.slice(0, flag.indexOf('='));
    return !options.some((o) => o === name || o.startsWith(`${name}=`));
  });
}

/** The compiled worker as one file (worker-bundle.ts), relative to the compiled generator/ folder. */
export const WORKER_BUNDLE = 'worker/page-worker.js';

let compiledWorker: URL | undefined;

/**
 * The compiled package (dist/, `.js`) starts the worker bundle that `npm run build` writes. A dist/
 * without it is a broken build (tsc alone, or a package that left the file out): said so, not
 * papered over by starting page-worker.js's ~150 modules, which would only be slower. Run from
 * source through tsx, a worker does not inherit tsx's loader on Node 20, so it boots through
 * worker-boot.mjs.
 */
function startWorker(): Worker {
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 96 } };
  if (!import.meta.url.endsWith('.ts')) {
    if (compiledWorker === undefined) {
      const bundle = new URL(`./${WORKER_BUNDLE}`, import.meta.url);
      if (!existsSync(bundle)) throw new Error(`the worker bundle ${fileURLToPath(bundle)} is missing: build with \`npm run build\` (generator/build-dist.ts), not tsc alone`);
      compiledWorker = bundle;
    }
    return new Worker(compiledWorker, options);
  }
  const entry = new URL('./page-worker.ts', import.meta.url).href;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { ...options, workerData: { entry } });
}

/**
 * Work on all cores: a small pool of worker threads fed batches, two in flight per worker so none
 * waits for the main thread. Two kinds of batch: pages to extract (text → PageRecord) and
 * resources to emit (resource JSON + layout path → files). One pool can serve both phases of a run,
 * so the workers start once. Small runs stay in the main thread, where starting workers would cost
 * more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { OutputName, RuntimeMode } from './config/define-config.ts';
import { decodeResource } from './core/model-codec.ts';
import { emitResourceFiles, type ResourceEmit } from './emit/index.ts';
import { extractPageSafely } from './extract/resource.ts';
import { toRecord, type PageRecord } from './model/page-record.ts';

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
}
export type Batch = ExtractBatch | EmitBatch;
export type BatchResult = { kind: 'extract'; id: number; records: PageRecord[] } | { kind: 'emit'; id: number; emitted: ResourceEmit[] };

const BATCH = 16;
const MIN_PAGES_FOR_WORKERS = 96;

/** One page, text to record: the unit of work, the same in a worker and in the main thread. */
export function readPage(text: string, file: string, budgetMs?: number): PageRecord {
  return toRecord(extractPageSafely(text, file, { budgetMs }));
}

/** One batch, in whatever thread runs it. */
export function runBatch(batch: Batch): BatchResult {
  if (batch.kind === 'extract') return { kind: 'extract', id: batch.id, records: batch.pages.map((p) => readPage(p.text, p.file, batch.budgetMs)) };
  const emitted = batch.resources.map((r) => emitResourceFiles(decodeResource(JSON.parse(r.json)), r.path, batch.outputs, batch.runtime));
  return { kind: 'emit', id: batch.id, emitted };
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
  /** Runs the batches on the workers; `onResult` gets each result as it arrives. */
  run(batches: Batch[], onResult: (result: BatchResult) => void): Promise<void>;
  close(): Promise<void>;
}

/** Workers started on first use and kept until close(); a run() after close() starts new ones. */
export function createPool(threads = availableParallelism()): Pool {
  let workers: Worker[] | undefined;
  return {
    async run(batches, onResult) {
      if (batches.length === 0) return;
      workers ??= Array.from({ length: Math.max(1, threads) }, startWorker);
      let next = 0;
      let failed: Error | undefined;
      const used = workers.slice(0, Math.max(1, Math.min(workers.length, Math.ceil(batches.length / 2))));
      await Promise.all(
        used.map(
          (w) =>
            new Promise<void>((resolveWorker, reject) => {
              let inFlight = 0;
              const send = () => {
                while (inFlight < 2 && next < batches.length && !failed) {
                  w.postMessage(batches[next++]);
                  inFlight++;
                }
                if (inFlight === 0) finish();
              };
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
 * The compiled package (dist/, `.js`) starts page-worker.js directly. Run from source through tsx,
 * a worker does not inherit tsx's loader on Node 20, so it boots through worker-boot.mjs.
 */
function startWorker(): Worker {
  const options = { resourceLimits: { maxYoungGenerationSizeMb: 96 } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./page-worker.js', import.meta.url), options);
  const entry = new URL('./page-worker.ts', import.meta.url).href;
  return new Worker(new URL('./worker-boot.mjs', import.meta.url), { ...options, workerData: { entry } });
}

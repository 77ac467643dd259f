/**
 * Extraction on all cores: a small pool of worker threads fed batches of pages. Small runs stay in
 * the main thread, where starting workers would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractPageSafely } from './extract/resource.ts';
import { toRecord, type PageRecord } from './model/page-record.ts';

export interface Batch {
  id: number;
  pages: Array<{ file: string; text: string }>;
  /** Per-page time budget (ms). */
  budgetMs?: number;
}
export interface BatchResult {
  id: number;
  records: PageRecord[];
}

const BATCH = 16;
const MIN_PAGES_FOR_WORKERS = 96;

/** One page, text to record: the unit of work, the same in a worker and in the main thread. */
export function readPage(text: string, file: string, budgetMs?: number): PageRecord {
  return toRecord(extractPageSafely(text, file, { budgetMs }));
}

export async function extractAll(
  pages: Array<{ file: string; text: string }>,
  onProgress: (done: number) => void,
  threads = availableParallelism(),
  budgetMs?: number,
): Promise<PageRecord[]> {
  if (pages.length < MIN_PAGES_FOR_WORKERS || threads < 2) {
    return pages.map((p, k) => {
      const r = readPage(p.text, p.file, budgetMs);
      onProgress(k + 1);
      return r;
    });
  }
  const records: PageRecord[] = new Array(pages.length);
  const batches: Batch[] = [];
  for (let k = 0; k < pages.length; k += BATCH) batches.push({ id: k, pages: pages.slice(k, k + BATCH), budgetMs });
  let next = 0;
  let done = 0;
  const workerCount = Math.min(threads, Math.ceil(batches.length / 2));
  await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise<void>((resolveWorker, reject) => {
        const w = startWorker();
        // Two batches in flight per worker, so it never waits for the main thread.
        let inFlight = 0;
        const send = () => {
          while (inFlight < 2 && next < batches.length) {
            w.postMessage(batches[next++]);
            inFlight++;
          }
          if (inFlight === 0) void w.terminate().then(() => resolveWorker());
        };
        w.on('message', (r: BatchResult) => {
          inFlight--;
          r.records.forEach((rec, k) => (records[r.id + k] = rec));
          done += r.records.length;
          onProgress(done);
          send();
        });
        w.on('error', reject);
        w.on('online', send);
      }),
    ),
  );
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

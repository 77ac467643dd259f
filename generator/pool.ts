/**
 * Extraction on all cores: a small pool of worker threads fed batches of pages. Small runs stay in
 * the main thread, where starting workers would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageResult } from './extract/resource.ts';
import { extractPageSafely } from './extract/resource.ts';

export interface Batch {
  id: number;
  pages: Array<{ file: string; text: string }>;
}
export interface BatchResult {
  id: number;
  results: PageResult[];
}

const BATCH = 16;
const MIN_PAGES_FOR_WORKERS = 96;

export async function extractAll(
  pages: Array<{ file: string; text: string }>,
  onProgress: (done: number) => void,
  threads = availableParallelism(),
): Promise<PageResult[]> {
  if (pages.length < MIN_PAGES_FOR_WORKERS || threads < 2) {
    return pages.map((p, k) => {
      const r = extractPageSafely(p.text, p.file);
      onProgress(k + 1);
      return r;
    });
  }
  const results: PageResult[] = new Array(pages.length);
  const batches: Batch[] = [];
  for (let k = 0; k < pages.length; k += BATCH) batches.push({ id: k, pages: pages.slice(k, k + BATCH) });
  let next = 0;
  let done = 0;
  const workerCount = Math.min(threads, Math.ceil(batches.length / 2));
  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const entry = new URL('./page-worker.ts', import.meta.url).href;
  await Promise.all(
    Array.from({ length: workerCount }, () =>
      new Promise<void>((resolveWorker, reject) => {
        const w = new Worker(boot, { workerData: { entry }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
        const feed = () => {
          if (next >= batches.length) {
            void w.terminate().then(() => resolveWorker());
            return;
          }
          w.postMessage(batches[next++]);
        };
        w.on('message', (r: BatchResult) => {
          r.results.forEach((res, k) => (results[r.id + k] = res));
          done += r.results.length;
          onProgress(done);
          feed();
        });
        w.on('error', reject);
        w.on('online', feed);
      }),
    ),
  );
  return results;
}

/** A worker thread that extracts pages: receives batches of {file, text}, answers PageResults. */
import { parentPort } from 'node:worker_threads';
import { extractPageSafely } from './extract/resource.ts';
import type { Batch, BatchResult } from './pool.ts';

parentPort!.on('message', (batch: Batch) => {
  const result: BatchResult = { id: batch.id, results: batch.pages.map((p) => extractPageSafely(p.text, p.file)) };
  parentPort!.postMessage(result);
});

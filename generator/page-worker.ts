/** A worker thread that extracts pages: receives batches of {file, text}, answers PageRecords. */
import { parentPort } from 'node:worker_threads';
import { readPage } from './pool.ts';
import type { Batch, BatchResult } from './pool.ts';

parentPort!.on('message', (batch: Batch) => {
  const result: BatchResult = { id: batch.id, records: batch.pages.map((p) => readPage(p.text, p.file, batch.budgetMs)) };
  parentPort!.postMessage(result);
});

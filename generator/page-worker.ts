/** A worker thread of the pool: extracts pages or emits resources, a batch at a time (pool.ts). */
import { parentPort } from 'node:worker_threads';
import { runBatch, type Batch } from './pool.ts';

parentPort!.on('message', (batch: Batch) => {
  parentPort!.postMessage(runBatch(batch));
});

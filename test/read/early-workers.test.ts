/**
 * When no page is in the page cache, every page is parsed on the workers: readModel starts them
 * (Pool.warm) before it reads the first page, so they boot while this thread reads and hashes,
 * and hands them the pages a batch at a time as they are read (a BatchFeed), not once all are read.
 * A run whose pages the cache holds, or too small for workers, starts none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, type Batch, type Pool } from '../../generator/pool.ts';
import { readModel } from '../../generator/read-model.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { copiesOfVolumesPage } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'early-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const manyPages = (count: number): string => copiesOfVolumesPage(join(root, `docs-${count}`), count);

/** A pool that runs its batches in this thread and logs what it is asked, in order with the pages read. */
function loggingPool(log: string[]): Pool {
  return {
    async run(batches, onResult) {
      log.push('run');
      const runBatchLogged = (b: Batch) => (log.push('batch'), runBatch(b));
      if (Array.isArray(batches)) for (const b of batches) onResult(runBatchLogged(b));
      else {
        // A feed: its batches as they are pushed, until it ends.
        let next = 0;
        await new Promise<void>((resolve) => {
          const take = () => {
            while (next < batches.batches.length) onResult(runBatchLogged(batches.batches[next++]!));
            if (batches.ended) {
              stop();
              log.push('run ended');
              resolve();
            }
          };
          const stop = batches.listen(take);
          take();
        });
      }
    },
    warm: () => void log.push('warm'),
    close: async () => {},
    started: 0,
  };
}

async function logOf(docs: string, options: { cacheFile: string | false; threads: number }): Promise<string[]> {
  const log: string[] = [];
  const onProgress = (p: { phase: string; done: number; total: number }) => {
    if (p.phase === 'read' && p.done === 1) log.push('first page read');
    if (p.phase === 'read' && p.done === p.total) log.push('last page read');
  };
  const read = await readModel(docs, { ...options, pool: loggingPool(log), onProgress });
  expect(read.files.length).toBeGreaterThan(0);
  return log;
}

describe('the workers of a cold run', () => {
  const docs = manyPages(120);

  /** 120 pages in batches of 16, the first seven handed over while pages are still being read. */
  const streamed = ['warm', 'run', 'first page read', ...Array(7).fill('batch'), 'last page read', 'batch', 'run ended'];

  it('start before the first page is read when nothing is cached, and parse the pages as they are read', async () => {
    expect(await logOf(docs, { cacheFile: false, threads: 2 })).toEqual(streamed);
  });

  it('start only when the page cache cannot answer, and never for one thread', async () => {
    const cacheFile = join(root, 'cache.json');
    const first = await readModel(docs, { cacheFile: join(root, 'reference.json'), threads: 1 });
    expect(await logOf(docs, { cacheFile, threads: 2 })).toEqual(streamed);
    expect(await logOf(docs, { cacheFile, threads: 2 })).toEqual(['first page read', 'last page read']);
    expect(await logOf(docs, { cacheFile: false, threads: 1 })).toEqual(['first page read', 'last page read']);
    // The model of pages parsed as they were read is the one parsed after reading.
    const again = await readModel(docs, { cacheFile: false, threads: 2, pool: loggingPool([]) });
    expect(again.built.text).toBe(first.built.text);
  });

  it('are let go when a page cannot be read midway', async () => {
    const pages = listPages(docs);
    const log: string[] = [];
    const missing = join(root, 'gone', 'index.md');
    const run = readModel({ pages: [...pages.slice(0, 50), missing, ...pages.slice(50)] }, { cacheFile: false, threads: 2, pool: loggingPool(log) });
    await expect(run).rejects.toThrow(/cannot read '.*gone\/index\.md'/);
    expect(log.filter((l) => l === 'batch')).toHaveLength(3); // the 48 pages of the batches made before it
    expect(log.at(-1)).toBe('run ended');
  });

  it('are not started for a run too small for them', async () => {
    expect(await logOf(manyPages(10), { cacheFile: false, threads: 2 })).toEqual(['first page read', 'last page read']);
  });
});

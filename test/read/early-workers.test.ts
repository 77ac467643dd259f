/**
 * When no page is in the page cache, every page is parsed on the workers: readModel starts them
 * (Pool.warm) before it reads the first page, so they boot while this thread reads and hashes
 * (pool.ts). A run whose pages the cache holds, or too small for workers, starts none.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, type Pool } from '../../generator/pool.ts';
import { readModel } from '../../generator/read-model.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'early-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `count` resource pages, each docs/'s volumes page under another name. */
function manyPages(count: number): string {
  const page = readFileSync(join(ROOT, 'docs/providers/example/compute/volumes/index.md'), 'utf8');
  const docs = join(root, `docs-${count}`);
  for (let k = 0; k < count; k++) {
    const name = `volumes${k}`;
    mkdirSync(join(docs, 'providers/example/compute', name), { recursive: true });
    writeFileSync(join(docs, 'providers/example/compute', name, 'index.md'), page.replaceAll('volumes', name));
  }
  return docs;
}

/** A pool that runs its batches in this thread and logs what it is asked, in order with the pages read. */
function loggingPool(log: string[]): Pool {
  return {
    async run(batches, onResult) {
      log.push('run');
      for (const b of batches) onResult(runBatch(b));
    },
    warm: () => void log.push('warm'),
    close: async () => {},
    started: 0,
  };
}

async function logOf(docs: string, options: { cacheFile: string | false; threads: number }): Promise<string[]> {
  const log: string[] = [];
  const onProgress = (p: { phase: string; done: number }) => {
    if (p.phase === 'read' && p.done === 1) log.push('first page read');
  };
  const read = await readModel(docs, { ...options, pool: loggingPool(log), onProgress });
  expect(read.files.length).toBeGreaterThan(0);
  return log;
}

describe('the workers of a cold run', () => {
  const docs = manyPages(120);

  it('start before the first page is read when nothing is cached', async () => {
    expect(await logOf(docs, { cacheFile: false, threads: 2 })).toEqual(['warm', 'first page read', 'run']);
  });

  it('start only when the page cache cannot answer, and never for one thread', async () => {
    const cacheFile = join(root, 'cache.json');
    expect(await logOf(docs, { cacheFile, threads: 2 })).toEqual(['warm', 'first page read', 'run']);
    expect(await logOf(docs, { cacheFile, threads: 2 })).toEqual(['first page read']);
    expect(await logOf(docs, { cacheFile: false, threads: 1 })).toEqual(['first page read']);
  });

  it('are not started for a run too small for them', async () => {
    expect(await logOf(manyPages(10), { cacheFile: false, threads: 2 })).toEqual(['first page read']);
  });
});

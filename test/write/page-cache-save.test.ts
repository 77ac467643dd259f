/**
 * generate saves the page cache while its emit workers start (pipeline.ts), not before assembling
 * the model: whichever way the run ends (written, refused, checked), the cache is on disk when
 * generate returns, and the next read of the same docs extracts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.ts';
import { readModel } from '../../generator/read-model.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'page-cache-save-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cachedPages(docs: string, cacheFile: string): Promise<{ parsed: number; cacheHits: number; pages: number }> {
  const read = await readModel(docs, { cacheFile, threads: 1 });
  return { parsed: read.parsed, cacheHits: read.cacheHits, pages: read.files.length };
}

describe('the page cache of a generate run', () => {
  it('is saved by a run that writes its output', async () => {
    const docs = join(ROOT, 'docs');
    const cacheFile = join(root, 'written.json');
    const run = await generate({ docs, out: join(root, 'out'), cacheFile });
    expect(run.parsed).toBeGreaterThan(0);
    expect(run.writes!.written).toBeGreaterThan(0);
    const next = await cachedPages(docs, cacheFile);
    expect(next).toEqual({ parsed: 0, cacheHits: next.pages, pages: run.files.length });
  });

  it('is saved by a run that --strict refuses, and by a --check run', async () => {
    const docs = join(ROOT, 'test/fixtures/broken');
    const refusedCache = join(root, 'refused.json');
    const refused = await generate({ docs, out: join(root, 'refused'), cacheFile: refusedCache, strict: true });
    expect(refused.refused?.reason).toBe('strict');
    expect(refused.parsed).toBeGreaterThan(0);
    expect(await cachedPages(docs, refusedCache)).toEqual({ parsed: 0, cacheHits: refused.files.length, pages: refused.files.length });

    const checkCache = join(root, 'check.json');
    const checked = await generate({ docs, out: join(root, 'nothing-here'), cacheFile: checkCache, check: true });
    expect(checked.drift!.length).toBeGreaterThan(0);
    expect(await cachedPages(docs, checkCache)).toEqual({ parsed: 0, cacheHits: checked.files.length, pages: checked.files.length });
  });
});

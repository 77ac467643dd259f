/**
 * A generate run starts its worker threads once: the workers that extracted the pages emit the
 * files too (pool.ts). Fresh workers for emitting cost two more worker boots and two more
 * isolates compiling the generator a cold run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.ts';
import { createPool } from '../../generator/pool.ts';
import { copiesOfVolumesPage } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'one-pool-'));
const pool = createPool(2);
afterAll(async () => {
  await pool.close();
  rmSync(root, { recursive: true, force: true });
});

const manyPages = (count: number): string => copiesOfVolumesPage(join(root, 'docs'), count);

describe('a generate run on workers', () => {
  it('extracts and emits on the same worker threads', async () => {
    const run = await generate({ docs: manyPages(120), out: join(root, 'out'), cacheFile: false, threads: 2, pool, outputs: { mocks: false, validators: false, contract: false } });
    expect(run.parsed).toBe(120);
    expect(run.emit?.emitted).toBe(120);
    expect(pool.started).toBe(2);
  }, 120_000); // two worker threads booting from source through tsx, on a loaded machine
});

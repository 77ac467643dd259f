/**
 * A generate run starts its worker threads once: the workers that extracted the pages emit the
 * files too (pool.ts). Fresh workers for emitting cost two more worker boots and two more
 * isolates compiling the generator a cold run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.ts';
import { createPool } from '../../generator/pool.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'one-pool-'));
const pool = createPool(2);
afterAll(async () => {
  await pool.close();
  rmSync(root, { recursive: true, force: true });
});

/** `count` resource pages, each docs/'s volumes page under another name: enough for workers in both phases. */
function manyPages(count: number): string {
  const page = readFileSync(join(ROOT, 'docs/providers/example/compute/volumes/index.md'), 'utf8');
  const docs = join(root, 'docs');
  for (let k = 0; k < count; k++) {
    const name = `volumes${k}`;
    mkdirSync(join(docs, 'providers/example/compute', name), { recursive: true });
    writeFileSync(join(docs, 'providers/example/compute', name, 'index.md'), page.replaceAll('volumes', name));
  }
  return docs;
}

describe('a generate run on workers', () => {
  it('extracts and emits on the same worker threads', async () => {
    const run = await generate({ docs: manyPages(120), out: join(root, 'out'), cacheFile: false, threads: 2, pool, outputs: { mocks: false, validators: false, contract: false } });
    expect(run.parsed).toBe(120);
    expect(run.emit?.emitted).toBe(120);
    expect(pool.started).toBe(2);
  }, 120_000); // two worker threads booting from source through tsx, on a loaded machine
});

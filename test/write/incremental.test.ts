/**
 * Incremental generate: an edited page re-emits only its own resource (its files) and the indexes
 * that list resources; the rest is kept from the previous output through the emit cache. The
 * result is byte for byte what a cold run over the edited docs writes.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'incremental-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else files.set(relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const PAGE = 'providers/example/network/firewalls/index.md';

describe('incremental generate', () => {
  it('an edited page re-emits its resource and the indexes, and writes what a cold run writes', async () => {
    const docs = join(root, 'docs');
    cpSync(join(ROOT, 'docs'), docs, { recursive: true });
    const out = join(root, 'out');
    const cacheFile = join(root, 'cache.json');
    // threads 1: the main thread, so the counts do not depend on the pool.
    const cold = await generate({ docs, out, cacheFile, threads: 1 });
    const resources = cold.model.summary.resources;
    expect(cold.emit).toEqual({ emitted: resources, reused: 0, indexes: expect.any(Number) });

    const again = await generate({ docs, out, cacheFile, threads: 1 });
    expect(again.upToDate).toBe(true);

    const page = join(docs, PAGE);
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('Properties of the firewall.');
    writeFileSync(page, text.replace('Properties of the firewall.', 'Settings of the firewall.'));
    const edited = await generate({ docs, out, cacheFile, threads: 1 });
    expect(edited.parsed).toBe(1);
    expect(edited.emit).toEqual({ emitted: 1, reused: resources - 1, indexes: cold.emit!.indexes });
    // The resource's own files (client, mock, validator, suite) at most, plus model.json and mocks/model.ts.
    expect(edited.writes!.written).toBeGreaterThan(0);
    expect(edited.writes!.written).toBeLessThanOrEqual(6);
    expect(edited.writes!.removed).toBe(0);

    const fresh = join(root, 'fresh');
    await generate({ docs, out: fresh, cacheFile: false, threads: 1 });
    expect(tree(out)).toEqual(tree(fresh));
  });

  it('a kept file that is gone or changed in size has its resource emitted again', async () => {
    const docs = join(root, 'docs2');
    cpSync(join(ROOT, 'docs'), docs, { recursive: true });
    const out = join(root, 'out2');
    const cacheFile = join(root, 'cache2.json');
    await generate({ docs, out, cacheFile, threads: 1 });
    const client = join(out, 'clients/example/compute/instances.d.ts');
    const before = readFileSync(client, 'utf8');
    rmSync(client);
    writeFileSync(join(out, 'validators/example/storage/buckets.js'), '// edited by hand\n');
    const page = join(docs, PAGE);
    // Some page must change, or the run is up to date as a whole.
    writeFileSync(page, readFileSync(page, 'utf8').replace('Properties of the firewall.', 'Settings of the firewall.'));
    const run = await generate({ docs, out, cacheFile, threads: 1 });
    // The edited page, the one whose client is gone, the one whose validator was changed.
    expect(run.emit!.emitted).toBe(3);
    expect(readFileSync(client, 'utf8')).toBe(before);
    expect(statSync(join(out, 'validators/example/storage/buckets.js')).size).toBeGreaterThan(100);
  });

  it('a page edited and edited back (same sizes) is written as it now reads, not as a cached older version', async () => {
    const docs = join(root, 'docs3');
    cpSync(join(ROOT, 'docs'), docs, { recursive: true });
    const out = join(root, 'out3');
    const cacheFile = join(root, 'cache3.json');
    const page = join(docs, PAGE);
    const original = readFileSync(page, 'utf8');
    const version = (word: string) => writeFileSync(page, original.replace('Properties of the firewall.', `${word} of the firewall.`));
    version('AAAAAAAAAA');
    await generate({ docs, out, cacheFile, threads: 1 });
    version('BBBBBBBBBB');
    expect((await generate({ docs, out, cacheFile, threads: 1 })).emit!.emitted).toBe(1);
    version('AAAAAAAAAA');
    expect((await generate({ docs, out, cacheFile, threads: 1 })).emit!.emitted).toBe(1);
    expect(readFileSync(join(out, 'clients/example/network/firewalls.d.ts'), 'utf8')).toContain('AAAAAAAAAA of the firewall.');
    const fresh = join(root, 'fresh3');
    await generate({ docs, out: fresh, cacheFile: false, threads: 1 });
    expect(tree(out)).toEqual(tree(fresh));
  });
});

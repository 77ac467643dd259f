/** The emit cache file: appended lines, and which resource a file in the output folder belongs to. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmitCache } from '../../generator/write/emit-cache.ts';

const root = mkdtempSync(join(tmpdir(), 'emit-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('EmitCache', () => {
  it('appends a few new entries; a file written by a later entry no longer belongs to the earlier one', () => {
    const file = join(root, 'cache.txt');
    const first = new EmitCache(file, 'emit h');
    for (let k = 0; k < 40; k++) first.set(`r${k}`, { files: [[`clients/p/s/r${k}.ts`, 10 + k]], facts: '-' });
    first.save();
    const lines = readFileSync(file, 'utf8').split('\n').length;

    // r0 edited: a new key for the same file; every other entry used as it was.
    const second = new EmitCache(file, 'emit h');
    for (let k = 1; k < 40; k++) second.use(`r${k}`);
    second.set('r0-v2', { files: [['clients/p/s/r0.ts', 10]], facts: '-vitest>contract/' });
    second.save();
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(lines + 1);

    const third = new EmitCache(file, 'emit h');
    expect(third.get('r0')).toBeUndefined();
    expect(third.get('r0-v2')).toEqual({ files: [['clients/p/s/r0.ts', 10]], facts: '-vitest>contract/' });
    expect(third.get('r7')).toEqual({ files: [['clients/p/s/r7.ts', 17]], facts: '-' });
    expect(new EmitCache(file, 'emit other').get('r7')).toBeUndefined();
  });
});

describe('EmitCache kept by generate --watch', () => {
  it('released paths belong to no entry, also after a reload; the file is rewritten before dead lines pass a tenth of it', () => {
    const file = join(root, 'watch.txt');
    const cache = new EmitCache(file, 'emit h');
    for (let k = 0; k < 40; k++) cache.set(`r${k}`, { files: [[`clients/p/s/r${k}.ts`, 10]], facts: '-' });
    cache.save();
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    const sizes: number[] = [];
    for (let v = 1; v <= 30; v++) {
      // r0 rewritten in place: its paths released first, then its new entry.
      cache.release(['clients/p/s/r0.ts']);
      expect(new EmitCache(file, 'emit h').get(v === 1 ? 'r0' : `r0-v${v - 1}`)).toBeUndefined();
      cache.set(`r0-v${v}`, { files: [['clients/p/s/r0.ts', 10 + v]], facts: '-' });
      cache.save();
      sizes.push(lines());
    }
    const reloaded = new EmitCache(file, 'emit h');
    expect(reloaded.get('r0-v30')).toEqual({ files: [['clients/p/s/r0.ts', 40]], facts: '-' });
    expect(reloaded.get('r0-v29')).toBeUndefined();
    expect(reloaded.get('r7')).toEqual({ files: [['clients/p/s/r7.ts', 10]], facts: '-' });
    // Appends mostly (one release line and one entry a change), a rewrite now and then: never past 41 + a tenth.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(41 + 6);
    expect(sizes.some((n, k) => k > 0 && n < sizes[k - 1]!)).toBe(true);
  });
});

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

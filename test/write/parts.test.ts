/**
 * Files of tens of MB written from their parts, never joined into one string (write/atomic.ts
 * writeParts, read/cache.ts saveLines, model/model-text.ts, OutputStager.putParts): the same bytes
 * as the joined text, whatever the characters and wherever a chunk ends.
 */
import { createHash } from 'node:crypto';
import { linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../generator/model/build-model.ts';
import { modelText } from '../../generator/model/model-text.ts';
import type { PageRecord } from '../../generator/model/page-record.ts';
import { readPage } from '../../generator/pool.ts';
import { PageCache } from '../../generator/read/cache.ts';
import { writeParts, writePartsAtomic } from '../../generator/write/atomic.ts';
import { sameParts } from '../../generator/write/outputs.ts';
import { MODEL_VERSION, type ModelSummary } from '../../generator/core/model.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Past Latin-1 (two-byte strings in V8, three UTF-8 bytes), Latin-1 past ASCII (two UTF-8 bytes), and a surrogate pair.
const odd = ['é', '→', '😀', '\u00ff'];
/** Parts of every size up to a few MB, so that some end exactly at, just before and just after a 1 MB chunk. */
function someParts(): string[] {
  const parts: string[] = [];
  let seed = 7;
  for (let k = 0; k < 400; k++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = k % 50 === 0 ? (1 << 20) - 1 + (k % 3) : seed % 40000;
    parts.push('x'.repeat(size) + odd[k % odd.length]!.repeat(k % 3));
  }
  parts.push('', 'end\n');
  return parts;
}

describe('writing a file from its parts', () => {
  it('writes the bytes of the joined text, whatever the parts hold and wherever a chunk ends', () => {
    const parts = someParts();
    const file = join(root, 'plain.txt');
    writeParts(file, parts);
    expect(readFileSync(file).equals(Buffer.from(parts.join('')))).toBe(true);
    // Truncates what was there.
    writeParts(file, ['short']);
    expect(readFileSync(file, 'utf8')).toBe('short');
  });

  it('atomically: a temporary beside, renamed over the file', () => {
    const file = join(root, 'sub', 'atomic.txt');
    writePartsAtomic(file, (function* () {
      yield 'a→';
      yield 'b\n';
    })());
    expect(readFileSync(file, 'utf8')).toBe('a→b\n');
    expect(() => writePartsAtomic(join(root, 'atomic-fails.txt'), (function* () {
      yield 'a';
      throw new Error('part failed');
    })())).toThrow('part failed');
    expect(() => readFileSync(join(root, `atomic-fails.txt.${process.pid}.tmp`))).toThrow();
    expect(() => readFileSync(join(root, 'atomic-fails.txt'))).toThrow();
  });

  it('sameParts: true only for the same bytes, compared part by part', () => {
    const parts = someParts().slice(0, 60);
    const bytes = Buffer.byteLength(parts.join(''));
    const file = join(root, 'same.txt');
    writeFileSync(file, parts.join(''));
    expect(sameParts(file, parts, bytes)).toBe(true);
    expect(sameParts(file, parts, bytes + 1)).toBe(false);
    expect(sameParts(join(root, 'none.txt'), parts, bytes)).toBe(false);
    // Same size, one character changed inside a part.
    const changed = [...parts];
    changed[5] = `y${changed[5]!.slice(1)}`;
    expect(changed[5]).not.toBe(parts[5]);
    expect(Buffer.byteLength(changed.join(''))).toBe(bytes);
    expect(sameParts(file, changed, bytes)).toBe(false);
    // Same bytes split elsewhere.
    const text = parts.join('');
    expect(sameParts(file, [text.slice(0, 1000), text.slice(1000)], bytes)).toBe(true);
  });
});

describe('model.json from its parts', () => {
  const summary: ModelSummary = { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0, blocks: { total: 0, read: 0 } };
  it('the parts join to the text, and bytes and ranges are those of the text', () => {
    for (const resources of [[], ['  {"id":"a.b.c","x":"é"}'], ['  {"id":"a.b.c"}', '  {"id":"a.b.d","y":"😀"}', '  {"id":"a.b.e"}']]) {
      for (const diagnostics of [[], [{ severity: 'warning' as const, code: 'x/y', message: 'm→', file: 'f.md', line: 1 }]]) {
        const printed = modelText(MODEL_VERSION, summary, resources, diagnostics);
        const text = printed.parts.join('');
        expect(printed.text).toBe(text);
        const bytes = Buffer.from(text);
        expect(printed.bytes).toBe(bytes.length);
        printed.ranges.forEach(([start, end], k) => expect(bytes.subarray(start, end).toString()).toBe(resources[k]!.trimStart()));
        expect(JSON.parse(text).resources).toEqual(resources.map((r) => JSON.parse(r)));
      }
    }
  });

  it("buildModel's hash is the sha1 of the text", () => {
    const pages = ['example/compute/volumes/index.md', 'example/compute/instances/index.md'].map((p) => join(ROOT, 'docs/providers', p));
    const built = buildModel(pages.map((p) => ({ file: p, record: readPage(readFileSync(p, 'utf8'), p), selected: true })));
    expect(built.resources.length).toBe(2);
    expect(built.hash).toBe(createHash('sha1').update(built.text).digest('hex'));
    expect(built.parts.join('')).toBe(built.text);
    expect(built.bytes).toBe(Buffer.byteLength(built.text));
  });
});

const skipped = (reason: string): PageRecord => ({ kind: 'skipped', reason, methods: 0, methodRows: 0, examples: 0, diagnostics: [] });

describe('the page cache saved a line at a time', () => {
  it('reads back every record saved, past Latin-1 included', () => {
    const file = join(root, 'cache.json');
    const cache = new PageCache(file);
    const record = (k: number): PageRecord => ({ kind: 'skipped', reason: `r${k}${odd[k % odd.length]}`, methods: 0, methodRows: 0, examples: 0, diagnostics: [] });
    for (let k = 0; k < 3000; k++) cache.set(`h${k}`, record(k));
    cache.save();
    const again = new PageCache(file);
    for (let k = 0; k < 3000; k++) expect(again.get(`h${k}`)).toEqual(record(k));
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(3000 + 2); // header, lines, and the final newline
  });

  it('a hard link to the old file is left as it was (a new file is renamed in)', () => {
    const file = join(root, 'linked.json');
    const cache = new PageCache(file);
    cache.set('a', skipped('one'));
    cache.save();
    const before = readFileSync(file, 'utf8');
    linkSync(file, join(root, 'linked-copy.json'));
    const next = new PageCache(file);
    next.get('a');
    next.set('b', skipped('two'));
    next.forget('a');
    next.save();
    expect(readFileSync(join(root, 'linked-copy.json'), 'utf8')).toBe(before);
    expect(new PageCache(file).get('b')).toBeDefined();
  });
});

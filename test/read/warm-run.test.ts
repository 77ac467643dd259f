/**
 * A run over unchanged docs: the stat index (read/page-index.ts) vouches for pages without reading
 * them, and the model record (model/model-record.ts) gives their model without assembling it.
 * Each shortcut must be taken when nothing changed, and never when a page did, even by an edit
 * that keeps the page's size and puts its mtime back.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeepingState, type GenerateOptions } from '../../generator/pipeline.ts';
import { modelRecordFile, statIndexFile } from '../../generator/read-model.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { RACY_MS, StatIndex, type PageStat } from '../../generator/read/page-index.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'warm-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PAGE = 'providers/example/network/firewalls/index.md';
const pages = listPages(join(ROOT, 'docs')).length;

async function run(options: GenerateOptions) {
  const { result, state } = await generateKeepingState({ threads: 1, ...options });
  return { result, read: state.read };
}

describe('a run over unchanged docs', () => {
  const docs = join(root, 'docs');
  const out = join(root, 'out');
  const cacheFile = join(root, 'cache.json');
  const options = { docs, out, cacheFile };
  let coldModel: string;

  beforeAll(async () => {
    cpSync(join(ROOT, 'docs'), docs, { recursive: true });
    // Pages changed less than RACY_MS before a run reads them are not trusted to the index.
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const cold = await run(options);
    expect(cold.read.unread).toBe(0);
    expect(cold.read.recalled).toBe(false);
    coldModel = readFileSync(join(out, 'model.json'), 'utf8');
  }, 30_000);

  it('reads no page and assembles no model, and finds the output up to date', async () => {
    const warm = await run(options);
    expect(warm.read.unread).toBe(pages);
    expect(warm.read.recalled).toBe(true);
    expect(warm.result.upToDate).toBe(true);
    // Nothing in the run asked for the model's text: no page cache loaded, no model.json assembled.
    expect(warm.read.assembled).toBe(false);
    expect(warm.result.bytes).toBe(readFileSync(statIndexFile(cacheFile), 'utf8').split('\n').slice(1, -1).reduce((n, l) => n + Number(l.split('\t')[1]), 0));
    // What it recalls is the model the output holds: asked for, the text is assembled, the same bytes.
    expect(warm.result.model.text).toBe(coldModel);
    expect(warm.read.assembled).toBe(true);
    expect(JSON.parse(coldModel)).toMatchObject({ summary: warm.result.model.summary, diagnostics: warm.result.model.diagnostics });
    expect(warm.read.pages).toHaveLength(pages);
  });

  it('a page touched but unchanged is read again, and the model is still recalled', async () => {
    const page = join(docs, PAGE);
    const now = new Date();
    utimesSync(page, now, now);
    const touched = await run(options);
    expect(touched.read.unread).toBe(pages - 1);
    expect(touched.read.recalled).toBe(true);
    expect(touched.result.upToDate).toBe(true);
  });

  it('a page edited to the same size with its mtime put back is read, parsed and written', async () => {
    const page = join(docs, PAGE);
    // A whole second, which utimes sets back exactly.
    const then = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(page, then, then);
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    // The page was changed since last read (touched): read once more, and recorded now.
    expect((await run(options)).read.unread).toBe(pages - 1);
    expect((await run(options)).read.unread).toBe(pages);
    const before = statSync(page);
    const text = readFileSync(page, 'utf8');
    const edited = text.replace('Properties of the firewall.', 'Attributes of the firewall.');
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(before.size);
    writeFileSync(page, edited);
    utimesSync(page, then, then);
    const after = statSync(page);
    expect([after.size, after.ino, after.mtimeMs]).toEqual([before.size, before.ino, before.mtimeMs]);

    const again = await run(options);
    expect(again.read.unread).toBe(pages - 1);
    expect(again.read.recalled).toBe(false);
    expect(again.result.parsed).toBe(1);
    expect(again.result.upToDate).toBeUndefined();
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toContain('Attributes of the firewall.');
  });

  it('another --include is another model: not recalled', async () => {
    const included = await run({ ...options, include: ['example.network.*'] });
    expect(included.read.recalled).toBe(false);
    expect(included.read.unread).toBeGreaterThan(0);
    expect(included.result.model.summary.skipped.excluded).toBeGreaterThan(0);
  });

  it('recalled with a page cache that lost records, the model is assembled from the pages as they read', async () => {
    rmSync(out, { recursive: true, force: true });
    await run(options);
    const expected = readFileSync(join(out, 'model.json'), 'utf8');
    // The cache's header kept, every record gone; the output gone, so the model must be assembled.
    writeFileSync(cacheFile, `${readFileSync(cacheFile, 'utf8').split('\n')[0]}\n`);
    rmSync(out, { recursive: true, force: true });
    const rebuilt = await run(options);
    expect(rebuilt.read.recalled).toBe(true);
    expect(rebuilt.result.emit?.emitted).toBe(rebuilt.result.model.summary.resources);
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe(expected);
  });

  it('without the page cache the model is assembled, not recalled; without the record too', async () => {
    rmSync(cacheFile);
    const noCache = await run(options);
    expect(noCache.read.recalled).toBe(false);
    expect(noCache.result.parsed).toBe(pages);
    rmSync(modelRecordFile(cacheFile));
    const noRecord = await run(options);
    expect(noRecord.read.recalled).toBe(false);
    expect(noRecord.result.parsed).toBe(0);
    expect(noRecord.result.upToDate).toBe(true);
  });
});

describe('the stat index', () => {
  const file = join(root, 'index.txt');
  const readAt = 1_700_000_000_000;
  const stat = (changed: number, more: Partial<PageStat> = {}): PageStat => ({ size: 100, ino: 7, mtimeMs: changed, ctimeMs: changed, ...more });
  const hash = 'a'.repeat(40);

  it('keeps a page changed at least RACY_MS before it was read; not one changed later', () => {
    const index = new StatIndex(file);
    index.record('/d/old.md', 'd/old.md', stat(readAt - RACY_MS), readAt, hash, 100);
    index.record('/d/fresh.md', 'd/fresh.md', stat(readAt - RACY_MS + 1), readAt, hash, 100);
    // ctime counts as much as mtime: mtime can be set back, ctime not.
    index.record('/d/reset.md', 'd/reset.md', stat(readAt - 60_000, { ctimeMs: readAt - 10 }), readAt, hash, 100);
    index.save();
    const next = new StatIndex(file);
    expect(next.lookup('/d/old.md', 'd/old.md', stat(readAt - RACY_MS))).toEqual({ hash, bytes: 100 });
    expect(next.lookup('/d/fresh.md', 'd/fresh.md', stat(readAt - RACY_MS + 1))).toBeUndefined();
    expect(next.lookup('/d/reset.md', 'd/reset.md', stat(readAt - 60_000, { ctimeMs: readAt - 10 }))).toBeUndefined();
  });

  it('vouches only for the same path shown, size, inode, mtime and ctime', () => {
    const index = new StatIndex(file);
    const old = stat(readAt - 60_000);
    index.record('/d/a.md', 'd/a.md', old, readAt, hash, 100);
    index.save();
    const next = new StatIndex(file);
    expect(next.lookup('/d/a.md', 'docs/a.md', old)).toBeUndefined();
    for (const change of [{ size: 101 }, { ino: 8 }, { mtimeMs: old.mtimeMs + 0.001 }, { ctimeMs: old.ctimeMs + 0.001 }]) {
      expect(next.lookup('/d/a.md', 'd/a.md', { ...old, ...change }), JSON.stringify(change)).toBeUndefined();
    }
    expect(next.lookup('/d/a.md', 'd/a.md', { ...old })?.hash).toBe(hash);
  });

  it('a damaged index vouches for nothing', () => {
    writeFileSync(file, 'stat-index 1\nnot a line\nzz\t100\t100 7 1 1\td/a.md\t/d/a.md\n');
    expect(new StatIndex(file).lookup('/d/a.md', 'd/a.md', stat(1))).toBeUndefined();
  });
});

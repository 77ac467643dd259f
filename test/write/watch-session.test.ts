/**
 * generate --watch's session: after each change of a page (edited, added, removed, its resource
 * renamed, broken) the output folder holds exactly what a fresh generate of the same docs writes
 * (every file, its bytes, the manifest and its stamp, no empty folder), written in place: only the
 * files whose bytes changed, the rest not touched. The next plain generate finds the folder up to
 * date, and its caches agree with it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.ts';
import { WatchSession } from '../../generator/watch-session.ts';
import { ROOT } from '../helpers/model.ts';

const root = mkdtempSync(join(tmpdir(), 'watch-session-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file (with its bytes) and every folder, with whether it is empty. */
function tree(dir: string): { files: Map<string, string>; emptyDirs: string[] } {
  const files = new Map<string, string>();
  const emptyDirs: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true });
    if (entries.length === 0) emptyDirs.push(relative(dir, d));
    for (const e of entries) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else files.set(relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return { files, emptyDirs };
}

/** Each file's inode and mtime: a file written again (atomically: a new inode) shows. */
function stamps(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else {
        const st = statSync(abs);
        out.set(relative(dir, abs), `${st.ino}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

let fresh = 0;
/** The folder a fresh generate (no cache, no previous output) writes from `docs`. */
async function freshTree(docs: string) {
  const out = join(root, `fresh-${fresh++}`);
  await generate({ docs, out, cacheFile: false, threads: 1 });
  return tree(out);
}

const FIREWALLS = 'providers/example/network/firewalls/index.md';

function setup(name: string, options: { strict?: boolean; subset?: string } = {}) {
  const docs = join(root, name, 'docs');
  cpSync(join(ROOT, 'docs', options.subset ?? ''), join(docs, options.subset ?? ''), { recursive: true });
  const out = join(root, name, 'out');
  const cacheFile = join(root, name, 'cache.json');
  const start = () => WatchSession.start({ docs, out, cacheFile, threads: 1, ...(options.strict ? { strict: true } : {}) });
  const edit = (page: string, change: (text: string) => string) => {
    const file = join(docs, page);
    const text = readFileSync(file, 'utf8');
    const next = change(text);
    expect(next).not.toBe(text);
    writeFileSync(file, next);
  };
  return { docs, out, cacheFile, start, edit };
}

describe('generate --watch session', () => {
  it('after an edit, an added page, a renamed resource, broken pages and a removed page, the folder is what a fresh generate writes', async () => {
    const { docs, out, cacheFile, start, edit } = setup('sequence');
    const { session, result } = await start();
    expect(result.writes!.written).toBeGreaterThan(0);
    const check = async () => {
      expect(tree(out)).toEqual(await freshTree(docs));
      // The next plain generate: nothing to parse, the folder up to date.
      const plain = await generate({ docs, out, cacheFile, threads: 1 });
      expect(plain.parsed).toBe(0);
      expect(plain.upToDate).toBe(true);
    };

    // An edit: the resource's own files that changed, model.json, the indexes that changed; nothing else touched.
    const before = stamps(out);
    edit(FIREWALLS, (t) => t.replace('Properties of the firewall.', 'Settings of the firewall.'));
    const edited = await session.update([FIREWALLS]);
    expect(edited!.pages).toEqual([{ file: `docs/${FIREWALLS}`, change: 'edited' }]);
    expect(edited!.emitted).toEqual(['example.network.firewalls']);
    expect(edited!.full).toBeUndefined();
    const after = stamps(out);
    const touched = [...after].filter(([p, s]) => before.get(p) !== s).map(([p]) => p).sort();
    expect(touched).toContain('model.json');
    expect(touched).toContain('.generated-files');
    expect(touched.filter((p) => !['model.json', '.generated-files'].includes(p)).every((p) => p.includes('network/firewalls') || p.startsWith('mocks/'))).toBe(true);
    expect(edited!.writes!.written).toBe(touched.length - 1); // the manifest is not counted
    await check();

    // A page added: a new resource in a new service.
    const routers = 'providers/example/routing/routers/index.md';
    mkdirSync(join(docs, 'providers/example/routing/routers'), { recursive: true });
    writeFileSync(join(docs, routers), readFileSync(join(docs, FIREWALLS), 'utf8').replaceAll('example.network.firewalls', 'example.routing.routers').replaceAll('<code>firewalls</code>', '<code>routers</code>'));
    const added = await session.update([routers]);
    expect(added!.pages).toEqual([{ file: `docs/${routers}`, change: 'added' }]);
    expect(added!.emitted).toEqual(['example.routing.routers']);
    await check();

    // The page renames its resource: the old id's files go, the new id's come.
    edit(routers, (t) => t.replaceAll('example.routing.routers', 'example.routing.gateways'));
    const renamed = await session.update([routers]);
    expect(renamed!.emitted).toEqual(['example.routing.gateways']);
    expect(renamed!.removed).toEqual(['example.routing.routers']);
    expect(renamed!.writes!.removed).toBeGreaterThan(0);
    await check();

    // A page cut short: its errors are the update's diagnostics; the resource is what the page still says.
    const whole = readFileSync(join(docs, FIREWALLS), 'utf8');
    writeFileSync(join(docs, FIREWALLS), whole.slice(0, Math.floor(whole.length / 3)));
    const cut = await session.update([FIREWALLS]);
    expect(cut!.diagnostics.map((d) => d.code)).toContain('page/unclosed-tag');
    expect(cut!.diagnostics.every((d) => d.file === `docs/${FIREWALLS}`)).toBe(true);
    await check();

    // A page that no longer says its id: skipped, with its error; its resource's files removed.
    writeFileSync(join(docs, FIREWALLS), whole.replace('<CopyableCode code="example.network.firewalls" />', ''));
    const noId = await session.update([FIREWALLS]);
    expect(noId!.diagnostics.map((d) => `${d.severity} ${d.code}`)).toContain('error overview/bad-id');
    expect(noId!.removed).toEqual(['example.network.firewalls']);
    await check();

    // Put right again, then the added page removed (its service folder with it).
    writeFileSync(join(docs, FIREWALLS), whole);
    rmSync(join(docs, 'providers/example/routing'), { recursive: true });
    const removed = await session.update([FIREWALLS, 'providers/example/routing']);
    expect(removed!.pages).toEqual([
      { file: `docs/${FIREWALLS}`, change: 'edited' },
      { file: `docs/${routers}`, change: 'removed' },
    ]);
    expect(removed!.removed).toEqual(['example.routing.gateways']);
    await check();

    // Saved without a change: nothing to do.
    writeFileSync(join(docs, FIREWALLS), whole);
    const same = await session.update([FIREWALLS]);
    expect(same!.pages).toEqual([{ file: `docs/${FIREWALLS}`, change: 'unchanged' }]);
    expect(same!.writes).toBeUndefined();
    // No page at all (an image): no update.
    writeFileSync(join(docs, 'providers/example/logo.png'), 'png');
    expect(await session.update(['providers/example/logo.png'])).toBeUndefined();
    rmSync(join(docs, 'providers/example/logo.png'));

    // A folder of pages moved in, named by its folder only (as a rename shows it).
    mkdirSync(join(root, 'sequence/elsewhere/providers/example/routing/routers'), { recursive: true });
    writeFileSync(join(root, 'sequence/elsewhere/providers/example/routing/routers/index.md'), readFileSync(join(docs, FIREWALLS), 'utf8').replaceAll('example.network.firewalls', 'example.routing.routers'));
    renameSync(join(root, 'sequence/elsewhere/providers/example/routing'), join(docs, 'providers/example/routing'));
    const moved = await session.update(['providers/example/routing']);
    expect(moved!.emitted).toEqual(['example.routing.routers']);
    await check();
  });

  it('re-emits the views of an edited base, settles two pages claiming one id, and keeps to --include', async () => {
    const { docs, out, start, edit } = setup('views');
    const { session } = await start();
    edit('providers/example/storage/buckets/index.md', (t) => t.replace("The bucket's name.", "The bucket's own name."));
    const base = await session.update(['providers/example/storage/buckets/index.md']);
    expect(base!.emitted).toEqual(['example.storage.buckets', 'example.storage.vw_buckets']);
    expect(tree(out)).toEqual(await freshTree(docs));

    // A copy of a page: the same id claimed twice, the copy left out with an error.
    const copy = 'providers/example/network/firewalls-copy.md';
    writeFileSync(join(docs, copy), readFileSync(join(docs, FIREWALLS), 'utf8'));
    const twice = await session.update([copy]);
    expect(twice!.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.code}`)).toEqual(['error resource/duplicate-id']);
    expect(tree(out)).toEqual(await freshTree(docs));
    rmSync(join(docs, copy));
    await session.update([copy]);
    expect(tree(out)).toEqual(await freshTree(docs));

    const only = setup('include');
    const included = await WatchSession.start({ docs: only.docs, out: only.out, cacheFile: only.cacheFile, threads: 1, include: ['example.network.*'] });
    only.edit('providers/example/storage/buckets/index.md', (t) => t.replace("The bucket's name.", "The bucket's own name."));
    only.edit(FIREWALLS, (t) => t.replace('Properties of the firewall.', 'Settings of the firewall.'));
    const both = await included.session.update(['providers/example/storage/buckets/index.md', FIREWALLS]);
    expect(both!.emitted).toEqual(['example.network.firewalls']);
    const fresh = join(root, 'include', 'fresh');
    await generate({ docs: only.docs, out: fresh, cacheFile: false, threads: 1, include: ['example.network.*'] });
    expect(tree(only.out)).toEqual(tree(fresh));
  });

  it('keeps the emit cache right: a plain generate after the watch re-emits only what it edits, and writes what a fresh one does', async () => {
    const { docs, out, cacheFile, start, edit } = setup('then-plain');
    const { session } = await start();
    const original = readFileSync(join(docs, FIREWALLS), 'utf8');
    // Same size each time: the emit cache must not keep files by their size alone.
    for (const word of ['AAAAAAAAAA', 'BBBBBBBBBB']) {
      writeFileSync(join(docs, FIREWALLS), original.replace('Properties of the firewall.', `${word} of the firewall.`));
      await session.update([FIREWALLS]);
    }
    writeFileSync(join(docs, FIREWALLS), original.replace('Properties of the firewall.', 'AAAAAAAAAA of the firewall.'));
    edit('providers/example/storage/buckets/index.md', (t) => t.replace("The bucket's name.", "The bucket's own name."));
    const plain = await generate({ docs, out, cacheFile, threads: 1 });
    expect(plain.parsed).toBe(2);
    // firewalls (its entry of the same size was released when the watch rewrote its files), buckets and its view.
    expect(plain.emit!.emitted).toBe(3);
    expect(readFileSync(join(out, 'clients/example/network/firewalls.d.ts'), 'utf8')).toContain('AAAAAAAAAA of the firewall.');
    expect(tree(out)).toEqual(await freshTree(docs));
  });

  it('with --strict, a page that turns bad writes nothing; put right, the output follows', async () => {
    const { docs, out, start } = setup('strict', { subset: 'providers/example/network', strict: true });
    const { session, result } = await start();
    expect(result.refused).toBeUndefined();
    const before = tree(out);
    const page = FIREWALLS;
    const text = readFileSync(join(docs, page), 'utf8');
    writeFileSync(join(docs, page), text.slice(0, Math.floor(text.length / 3)));
    const bad = await session.update([page]);
    expect(bad!.refused).toEqual({ reason: 'strict', serious: expect.any(Number) });
    expect(bad!.diagnostics.map((d) => d.code)).toContain('page/unclosed-tag');
    expect(tree(out)).toEqual(before);
    writeFileSync(join(docs, page), text.replace('Properties of the firewall.', 'Settings of the firewall.'));
    const good = await session.update([page]);
    expect(good!.refused).toBeUndefined();
    expect(good!.writes!.written).toBeGreaterThan(0);
    expect(tree(out)).toEqual(await freshTree(docs));
  });

  it('refuses a change that would remove more than half of the output generated from the docs, as generate does', async () => {
    const { docs, out, start } = setup('removal');
    const { session } = await start();
    const before = tree(out);
    rmSync(join(docs, 'providers/example'), { recursive: true });
    const emptied = await session.update(['providers/example']);
    expect(emptied!.refused).toMatchObject({ reason: 'removal' });
    expect(emptied!.pages.filter((p) => p.change === 'removed')).toHaveLength(8);
    expect(tree(out)).toEqual(before);
  });

  it('a change that fails while writing leaves a folder no generate takes as up to date; the next change regenerates it whole', async () => {
    const { docs, out, cacheFile, start, edit } = setup('fails');
    const { session } = await start();
    // A folder where the edited resource's client file goes: writing it fails midway through the change.
    const client = join(out, 'clients/example/network/firewalls.d.ts');
    rmSync(client);
    mkdirSync(join(client, 'in-the-way'), { recursive: true });
    edit(FIREWALLS, (t) => t.replace('Properties of the firewall.', 'Settings of the firewall.'));
    await expect(session.update([FIREWALLS])).rejects.toThrow();
    expect(readFileSync(join(out, '.generated-files'), 'utf8')).not.toMatch(/^# input /);
    rmSync(client, { recursive: true });

    edit(FIREWALLS, (t) => t.replace('Settings of the firewall.', 'Options of the firewall.'));
    const next = await session.update([FIREWALLS]);
    expect(next!.full?.why).toBe('the last run did not write the output folder');
    expect(tree(out)).toEqual(await freshTree(docs));
    expect((await generate({ docs, out, cacheFile, threads: 1 })).upToDate).toBe(true);
  });

  it('a change that fails after writing some files, then undone in the docs: the next generate does not keep a half-written file of the same size', async () => {
    const { docs, out, cacheFile, start } = setup('undone');
    const { session } = await start();
    const page = join(docs, FIREWALLS);
    const original = readFileSync(page, 'utf8');
    // The client's files are written first, then the validator's fails.
    const mock = join(out, 'validators/example/network/firewalls.js');
    const mockText = readFileSync(mock, 'utf8');
    rmSync(mock);
    mkdirSync(join(mock, 'in-the-way'), { recursive: true });
    writeFileSync(page, original.replace('Properties of the firewall.', 'Xroperties of the firewall.'));
    await expect(session.update([FIREWALLS])).rejects.toThrow();
    expect(readFileSync(join(out, 'clients/example/network/firewalls.d.ts'), 'utf8')).toContain('Xroperties');
    // Every file of the resource back at its old size (the validator as it was, the client with the edit).
    rmSync(mock, { recursive: true });
    writeFileSync(mock, mockText);
    writeFileSync(page, original);
    await generate({ docs, out, cacheFile, threads: 1 });
    expect(tree(out)).toEqual(await freshTree(docs));
  });

  it('starts from a folder already up to date, and from one changed behind its back regenerates whole', async () => {
    const { docs, out, cacheFile, start, edit } = setup('up-to-date');
    await generate({ docs, out, cacheFile, threads: 1 });
    const { session, result } = await start();
    expect(result.upToDate).toBe(true);
    edit(FIREWALLS, (t) => t.replace('Properties of the firewall.', 'Settings of the firewall.'));
    const edited = await session.update([FIREWALLS]);
    expect(edited!.full).toBeUndefined();
    expect(edited!.emitted).toEqual(['example.network.firewalls']);
    expect(tree(out)).toEqual(await freshTree(docs));

    // Another generate writes the folder from other docs meanwhile.
    edit(FIREWALLS, (t) => t.replace('Settings of the firewall.', 'Options of the firewall.'));
    await generate({ docs, out, cacheFile, threads: 1 });
    edit(FIREWALLS, (t) => t.replace('Options of the firewall.', 'Choices of the firewall.'));
    const next = await session.update([FIREWALLS]);
    expect(next!.full?.why).toBe('the output folder is not as this watch left it');
    expect(tree(out)).toEqual(await freshTree(docs));
  });
});

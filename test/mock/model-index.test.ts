/**
 * The generated mocks read their services out of model.json itself (engine/model-index.ts): the
 * index generate writes gives each service's UTF-8 byte range, read alone from the file system or
 * with an HTTP Range request (a whole 200 answer sliced), and a model.json that is not the one the
 * index was written for is a clear error, never other resources served.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Model, Resource } from '../../generator/core/model.ts';
import { emitAll, type EmittedFile } from '../../generator/emit/index.ts';
import type { ModelIndexFile } from '../../mocks/engine/model-index.ts';
import { generate } from '../../generator/pipeline.ts';
import { createMockEntry } from '../../mocks/msw/entry.ts';
import { modelOf, ROOT } from '../helpers/model.ts';
import { decodeResource } from '../../generator/core/model-codec.ts';
import { WRITER } from '../../generator/core/writer.ts';

const root = mkdtempSync(join(tmpdir(), 'model-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** The mocks of a model (and model.json) written to a folder of their own. */
function written(model: Model): string {
  const dir = join(root, `out-${folders++}`);
  const files: EmittedFile[] = emitAll(model, { outputs: ['mocks'] });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}
const indexOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'mocks/model-index.json'), 'utf8')) as ModelIndexFile;
const entryOf = (dir: string, services?: string[]) =>
  createMockEntry({ index: pathToFileURL(join(dir, 'mocks/model-index.json')), model: pathToFileURL(join(dir, 'model.json')), ...(services ? { services } : {}) });

const [invitations] = modelOf(['docs/providers/confluent/iam/invitations/index.md']).resources as [Resource];
/** A copy of confluent.iam.invitations as `p.<service>.<name>`. */
const copy = (service: string, name: string, description = 'plain'): Resource => ({
  ...invitations,
  id: `p.${service}.${name}`,
  provider: 'p',
  service,
  name,
  description,
  fields: invitations.fields.map((f) => ({ ...f, description: `${description}: ${f.description}` })),
  examples: invitations.examples.map((e) => ({ ...e, sql: e.sql.replaceAll('confluent.iam.invitations', `p.${service}.${name}`) })),
});
const modelWith = (resources: Resource[]): Model => ({
  version: modelOf([]).version,
  summary: { pages: resources.length, resources: resources.length, skipped: {}, methods: 0, examples: 0 },
  diagnostics: [],
  resources,
});
/** Multi-byte descriptions (2-, 3- and 4-byte UTF-8) in service a, before service b in id order. */
const WIDE = 'Größe, 日本語の説明, 🦆🦆';
const twoServices = () => modelWith([copy('a', 'one', WIDE), copy('a', 'two', WIDE), copy('b', 'three'), copy('b', 'four')]);

describe('the mocks\' index of model.json', () => {
  it('gives UTF-8 byte ranges: a service after multi-byte descriptions reads exactly its own resources', async () => {
    const model = twoServices();
    const dir = written(model);
    const text = readFileSync(join(dir, 'model.json'));
    const index = indexOf(dir);
    expect(index).toMatchObject({ model: '../model.json', bytes: text.length });
    // Characters and bytes differ before service b: an offset in characters would miss its resources.
    const chars = text.toString('utf8').indexOf('{"id":"p.b.');
    expect(Buffer.byteLength(text.toString('utf8').slice(0, chars))).toBe(index.services['p.b']!.start);
    expect(chars).toBeLessThan(index.services['p.b']!.start - 30);
    for (const key of ['p.a', 'p.b']) {
      const { start, end, resources } = index.services[key]!;
      const own = model.resources.filter((r) => `${r.provider}.${r.service}` === key).sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(resources).toBe(own.length);
      expect((JSON.parse(`[${text.subarray(start, end).toString('utf8')}]`) as unknown[]).map(decodeResource)).toEqual(own);
    }

    const engine = entryOf(dir, ['p.b']).createEngine({ seed: 4 });
    const answer = await engine.query({ query: 'SELECT id, email FROM p.b.three', showMetadata: false });
    expect(answer.status).toBe(200);
    expect(engine.loadedServices()).toEqual(['p.b']);
    const wide = entryOf(dir).createEngine({ seed: 4 });
    await wide.ready('p.a.one');
    const described = await wide.query({ query: 'DESCRIBE EXTENDED p.a.one', showMetadata: false });
    expect(JSON.stringify(described.body)).toContain(WIDE);
    expect(wide.loadedServices()).toEqual(['p.a']);
  });

  it('says model.json changed after generate, and to run it again, when its size, a range or its resources are not the index\'s', async () => {
    const model = twoServices();
    const dir = written(model);
    const original = readFileSync(join(dir, 'model.json'));
    const index = indexOf(dir);
    const b = index.services['p.b']!;
    const load = () => entryOf(dir, ['p.b']).createEngine().ready('p.b.three');
    const again = /model\.json changed after `generate` wrote .*model-index\.json: .*Run `npx stackql-docgen generate` again\./;

    writeFileSync(join(dir, 'model.json'), Buffer.concat([original, Buffer.from('\n')]));
    await expect(load()).rejects.toThrow(again);
    await expect(load()).rejects.toThrow(`it is ${original.length + 1} bytes, the index was written for ${original.length}`);

    // Same size, the range no longer JSON (its first resource's opening brace gone).
    const broken = Buffer.from(original);
    expect(String.fromCharCode(broken[b.start]!)).toBe('{');
    broken[b.start] = 0x20;
    writeFileSync(join(dir, 'model.json'), broken);
    await expect(load()).rejects.toThrow(again);
    await expect(load()).rejects.toThrow(`bytes ${b.start}-${b.end - 1} (p.b's resources) are not a list of resources`);

    // Same size, the range another service's resources.
    const moved = Buffer.from(original.toString('utf8').replaceAll('"service":"b"', '"service":"c"'));
    expect(moved.length).toBe(original.length);
    writeFileSync(join(dir, 'model.json'), moved);
    await expect(load()).rejects.toThrow(again);
    await expect(load()).rejects.toThrow(/hold resource p\.b\.\w+, not one of p\.b's/);

    // The index counting other resources than the range holds.
    writeFileSync(join(dir, 'model.json'), original);
    writeFileSync(join(dir, 'mocks/model-index.json'), JSON.stringify({ ...index, services: { ...index.services, 'p.b': { ...b, resources: 3 } } }));
    await expect(load()).rejects.toThrow(again);
    await expect(load()).rejects.toThrow('hold 2 resources, not 3');

    // An entry naming a service its index does not have: the index is not the entries'.
    writeFileSync(join(dir, 'mocks/model-index.json'), JSON.stringify(index));
    await expect(entryOf(dir, ['p.gone']).createEngine().ready()).rejects.toThrow(/has no service 'p\.gone'.*Run `npx stackql-docgen generate` again/);
    // Put back, it loads.
    await load();
  });

  it('refuses an index another stackql-docgen wrote, or one without a writer: model.json is decoded with the reader\'s own rules', async () => {
    const dir = written(twoServices());
    const index = indexOf(dir);
    expect(index.writer).toBe(WRITER);
    const load = () => entryOf(dir, ['p.b']).createEngine().ready('p.b.three');
    writeFileSync(join(dir, 'mocks/model-index.json'), JSON.stringify({ ...index, writer: 'stackql-docgen 0.0.9' }));
    await expect(load()).rejects.toThrow(/model-index\.json was written by stackql-docgen 0\.0\.9; this is stackql-docgen .*Run `stackql-docgen generate` again/);
    const { writer: _, ...unstamped } = index;
    writeFileSync(join(dir, 'mocks/model-index.json'), JSON.stringify(unstamped));
    await expect(load()).rejects.toThrow(/model-index\.json was written by an earlier stackql-docgen \(it has no "writer"\)/);
    writeFileSync(join(dir, 'mocks/model-index.json'), JSON.stringify(index));
    await load();
  });

  it("loads the services a service needs with it: a view's base, documented in another service", async () => {
    const model = modelOf(['docs/providers/example/storage/buckets/index.md', 'docs/providers/example/storage/vw_buckets/index.md', 'docs/providers/example/compute/instances/index.md']);
    const view = model.resources.find((r) => r.view !== undefined)!;
    const moved = { ...view, service: 'reports', id: 'example.reports.vw_buckets' };
    const dir = written({ ...model, resources: model.resources.map((r) => (r === view ? moved : r)) });
    expect(indexOf(dir).services['example.reports']!.needs).toEqual(['example.storage']);

    const engine = entryOf(dir, ['example.reports']).createEngine({ seed: 2 });
    const answer = await engine.query({ query: "SELECT bucket_name FROM example.reports.vw_buckets WHERE project = 'p1'", showMetadata: false });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((answer.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect(engine.loadedServices()).toEqual(['example.reports', 'example.storage']);
    // A listing loads the entry's services (the one it names and those it needs), not the model's others.
    await engine.query({ query: 'SHOW SERVICES IN example' });
    expect(engine.loadedServices()).toEqual(['example.reports', 'example.storage']);
  });
});

describe('an edited page', () => {
  it('rewrites model.json and the index, and no mock entry: they name the index, model.json and their service', async () => {
    const docs = join(root, 'docs');
    cpSync(join(ROOT, 'docs'), docs, { recursive: true });
    const out = join(root, 'generated');
    const files = () => {
      const found = new Map<string, string>();
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name));
          else found.set(relative(out, join(d, e.name)), readFileSync(join(d, e.name), 'utf8'));
        }
      };
      walk(out);
      return found;
    };
    await generate({ docs, out, cacheFile: false, threads: 1, outputs: { clients: true, mocks: true, validators: false, contract: false } });
    const before = files();
    const page = join(docs, 'providers/example/network/firewalls/index.md');
    // Longer text, so every later service's byte range moves.
    writeFileSync(page, readFileSync(page, 'utf8').replace('Properties of the firewall.', 'Properties of the firewall, which are many.'));
    await generate({ docs, out, cacheFile: false, threads: 1, outputs: { clients: true, mocks: true, validators: false, contract: false } });
    const after = files();
    const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
    expect(changed.filter((p) => p.startsWith('mocks/') || p === 'model.json')).toEqual(['mocks/model-index.json', 'model.json']);
    const entries = [...after.keys()].filter((p) => /^mocks\/(handlers|.+\/index)\.ts$/.test(p));
    expect(entries.length).toBe(9);
    const moved = indexOf(out).services['google.cloudidentity']!;
    expect(moved.start).toBeGreaterThan((JSON.parse(before.get('mocks/model-index.json')!) as ModelIndexFile).services['google.cloudidentity']!.start);
  });
});

describe('over HTTP', () => {
  const servers: Server[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const s of servers.splice(0)) s.close();
  });

  /** Serves `dir`, with Range (206) or without it (the whole file, 200), and records what was asked. */
  async function serve(dir: string, ranges: boolean): Promise<{ base: string; asked: Array<{ path: string; headers: IncomingHttpHeaders; status: number; bytes: number }> }> {
    const asked: Array<{ path: string; headers: IncomingHttpHeaders; status: number; bytes: number }> = [];
    const server = createServer((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      const body = readFileSync(join(dir, path));
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (ranges && range) {
        const [start, last] = [Number(range[1]), Math.min(Number(range[2]), body.length - 1)];
        const part = body.subarray(start, last + 1);
        asked.push({ path, headers: req.headers, status: 206, bytes: part.length });
        res.writeHead(206, { 'content-range': `bytes ${start}-${last}/${body.length}`, 'content-length': part.length }).end(part);
        return;
      }
      asked.push({ path, headers: req.headers, status: 200, bytes: body.length });
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
  }
  const entryAt = (base: string, services?: string[]) =>
    createMockEntry({ index: `${base}/mocks/model-index.json`, model: `${base}/model.json`, ...(services ? { services } : {}) });

  it('asks for one service\'s bytes with a Range header and reads the 206 answer', async () => {
    const dir = written(twoServices());
    const { base, asked } = await serve(dir, true);
    const warn = vi.spyOn(console, 'warn');
    const engine = entryAt(base, ['p.b']).createEngine();
    expect((await engine.query({ query: 'SELECT id FROM p.b.four', showMetadata: false })).status).toBe(200);
    const b = indexOf(dir).services['p.b']!;
    const model = asked.filter((a) => a.path === '/model.json');
    expect(model).toEqual([expect.objectContaining({ status: 206, bytes: b.end - b.start })]);
    expect(model[0]!.headers.range).toBe(`bytes=${b.start}-${b.end - 1}`);
    expect(warn).not.toHaveBeenCalled();

    // The size a 206 gives is checked too.
    writeFileSync(join(dir, 'model.json'), Buffer.concat([readFileSync(join(dir, 'model.json')), Buffer.from(' ')]));
    await expect(entryAt(base, ['p.b']).createEngine().ready()).rejects.toThrow(/model\.json changed after `generate`.*Run `npx stackql-docgen generate` again/);
  });

  it('slices the whole file when the server answers 200 instead of 206, once per file, and says so once', async () => {
    const model = twoServices();
    const dir = written(model);
    const { base, asked } = await serve(dir, false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const engine = entryAt(base).createEngine({ seed: 3 });
    expect((await engine.query({ query: 'SELECT id FROM p.b.four', showMetadata: false })).status).toBe(200);
    expect((await engine.query({ query: 'SELECT id FROM p.a.one', showMetadata: false })).status).toBe(200);
    expect(engine.loadedServices()).toEqual(['p.a', 'p.b']);
    // The same rows as a file-system read gives.
    const reference = entryOf(dir).createEngine({ seed: 3 });
    for (const query of ['SELECT id FROM p.b.four', 'SELECT id FROM p.a.one']) await reference.query({ query });
    expect(engine.snapshot()).toEqual(reference.snapshot());
    expect(Object.keys(engine.snapshot())).toEqual(['p.a.one', 'p.b.four']);
    const whole = asked.filter((a) => a.path === '/model.json');
    expect(whole.map((a) => a.status)).toEqual([200]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(`${base} does not support HTTP Range requests`);
  });
});

/**
 * The browser page's parts that need no browser: the model cut into an index and one file per
 * resource (split-model.ts), the loader that fetches them into an engine (loader.ts, over real
 * HTTP from the page's own static server), the statements offered per method (statements.ts), and
 * the build's refusal to write into a folder that is not its own.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Model, Resource } from '../../generator/core/model.ts';
import { decodeResource } from '../../generator/core/model-codec.ts';
import { bundleBrowserPage, serveStatic } from '../../mocks/browser/bundle.ts';
import { ResourceLoader } from '../../mocks/browser/loader.ts';
import { splitModel } from '../../mocks/browser/split-model.ts';
import { methodStatements } from '../../mocks/browser/statements.ts';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
const byId = (id: string) => model.resources.find((r) => r.id === id)!;
const dirs: string[] = [];
const engines: MockEngine[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-browser-build-'));
  dirs.push(dir);
  return dir;
};
const emptyEngine = () => {
  const engine = createMockEngine({ model: { ...model, resources: [] }, sqliteThreads: 0 });
  engines.push(engine);
  return engine;
};
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** confluent invitations, with an example that also queries google's userinvitations (a join). */
function joinedModel(): Model {
  const confluent = structuredClone(byId('confluent.iam.invitations'));
  confluent.examples.push({ verb: 'select', sql: 'SELECT 1', target: 'google.cloudidentity.userinvitations', line: 1 });
  confluent.examples.push({ verb: 'select', sql: 'SELECT 1', target: 'confluent.iam.vw_nowhere', line: 2 });
  return { ...model, resources: [confluent, byId('google.cloudidentity.userinvitations'), byId('example.storage.buckets')] };
}

describe('splitModel', () => {
  it('indexes every resource by provider, service and name, one chunk each, in id order', () => {
    const { index, chunks } = splitModel(model);
    const ids = model.resources.map((r) => r.id).sort();
    expect(chunks.map((c) => c.resource.id)).toEqual(ids);
    for (const [n, id] of ids.entries()) {
      const r = byId(id);
      expect(index.tree[r.provider][r.service][r.name]).toBe(n);
    }
    expect(index.resources).toBe(model.resources.length);
    expect(index.modelBytes).toBe(Buffer.byteLength(JSON.stringify(model)));
    expect(Object.values(index.diagnostics).reduce((a, b) => a + b, 0)).toBe(model.diagnostics.length);
  });

  it('lists in `needs` the model’s resources an example queries, not views it lacks', () => {
    const { index, chunks } = splitModel(joinedModel());
    const google = index.tree.google.cloudidentity.userinvitations;
    expect(chunks[index.tree.confluent.iam.invitations].needs).toEqual([google]);
    expect(chunks[google].needs).toEqual([]);
  });

  it('keeps one resource of a duplicated id, and counts the other as a diagnostic', () => {
    const twice = { ...model, resources: [...model.resources, byId('confluent.iam.invitations')] };
    const { index, chunks } = splitModel(twice);
    expect(chunks).toHaveLength(model.resources.length);
    expect(index.diagnostics['browser/duplicate-id']).toBe(1);
  });
});

describe('ResourceLoader (over HTTP, from a built page)', () => {
  it('adds a picked resource and the ones it needs to the engine, each once, however the loads overlap', async () => {
    const dir = tempDir();
    const built = await bundleBrowserPage(dir, joinedModel());
    const site = await serveStatic(dir);
    try {
      const engine = emptyEngine();
      const loader = await ResourceLoader.open(new URL(`${site.url}/`), engine);
      expect(loader.bytes).toBe(built.indexBytes);
      const { tree } = loader.index;
      const [a, b, c] = await Promise.all([
        loader.load(tree.confluent.iam.invitations),
        loader.load(tree.google.cloudidentity.userinvitations),
        loader.load(tree.confluent.iam.invitations),
      ]);
      expect([a.id, b.id, c.id]).toEqual(['confluent.iam.invitations', 'google.cloudidentity.userinvitations', 'confluent.iam.invitations']);
      expect(loader.loadedCount).toBe(2);
      const chunkBytes = [tree.confluent.iam.invitations, tree.google.cloudidentity.userinvitations].map((n) => built.chunkBytes[n]);
      expect(loader.bytes).toBe(built.indexBytes + chunkBytes[0] + chunkBytes[1]);
      const select = await engine.query({ query: "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C1'" });
      expect(select.status).toBe(200);
      expect((await engine.query({ query: 'SELECT * FROM example.storage.buckets' })).status).toBe(400);
      await expect(loader.load(999)).rejects.toThrow('cannot load /resources/999.json: HTTP 404');
      // A failed load does not stop the next one.
      expect((await loader.load(tree.example.storage.buckets)).id).toBe('example.storage.buckets');
    } finally {
      await site.close();
    }
  });
});

describe('bundleBrowserPage', () => {
  it('writes no model.json, replaces the resources of an earlier build, and refuses a folder that is not its own', async () => {
    const dir = tempDir();
    await bundleBrowserPage(dir, model);
    expect(readdirSync(join(dir, 'resources'))).toHaveLength(model.resources.length);
    // Each chunk holds its resource in model.json's stored form, which decodes to the resource.
    const { index } = splitModel(model);
    const bucketsChunk = JSON.parse(readFileSync(join(dir, 'resources', `${index.tree.example!.storage!.buckets}.json`), 'utf8')) as { resource: unknown };
    expect(decodeResource(bucketsChunk.resource)).toEqual(byId('example.storage.buckets'));
    await bundleBrowserPage(dir, { ...model, resources: [byId('example.storage.buckets')] });
    expect(readdirSync(join(dir, 'resources'))).toEqual(['0.json']);
    expect(existsSync(join(dir, 'model.json'))).toBe(false);

    const foreign = tempDir();
    mkdirSync(join(foreign, 'resources'));
    writeFileSync(join(foreign, 'resources', 'mine.txt'), 'keep me');
    await expect(bundleBrowserPage(foreign, model)).rejects.toThrow('holds other files');
    expect(readFileSync(join(foreign, 'resources', 'mine.txt'), 'utf8')).toBe('keep me');
  });
});

describe('methodStatements', () => {
  it('offers every method of docs/ at least one statement, or says why not', () => {
    for (const r of model.resources) {
      for (const m of r.methods) {
        const { statements, skipped } = methodStatements(r, m);
        expect(statements.length + skipped.length, `${r.id} ${m.name}`).toBeGreaterThan(0);
        for (const s of statements) expect(s.sql, `${r.id} ${m.name} ${s.label}`).not.toMatch(/\{\{/);
      }
    }
  });

  it('gives statements the engine accepts: every offered statement of docs/ runs on a fresh engine', async () => {
    const failures: string[] = [];
    for (const r of model.resources) {
      for (const m of r.methods) {
        for (const s of methodStatements(r, m).statements) {
          // A fresh engine each time: one INSERT must not make the next one a duplicate.
          const engine = createMockEngine({ model, sqliteThreads: 0 });
          const answer = await engine.query({ query: s.sql, showMetadata: false });
          await engine.close();
          if (answer.status !== 200) failures.push(`${r.id} ${m.name} (${s.label}): ${JSON.stringify(answer.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('says why a docs example that does not parse is not offered', () => {
    const r: Resource = structuredClone(byId('confluent.iam.invitations'));
    const list = r.methods.find((m) => m.verb === 'select' && m.requiredParams.length === 0)!;
    r.examples = [{ verb: 'select', method: list.name, sql: 'SELEC', parseError: 'line 1, column 1: unexpected word', line: 9 }];
    expect(methodStatements(r, list)).toEqual({
      statements: [{ label: "from the method's parameters", sql: expect.stringContaining('FROM confluent.iam.invitations;') }],
      skipped: ["the docs' example at line 9 does not parse: line 1, column 1: unexpected word"],
    });
  });
});

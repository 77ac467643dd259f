/**
 * The emitted mocks (generator/emit/handlers.ts) as a user's app sees them: written with the
 * runtime copy into a folder of their own, type-checked there by tsc under nodenext, and run
 * with msw's setupServer.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactModel, emitHandlers, type EmittedFile } from '../../generator/emit/handlers.ts';
import { emitClients } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { createMockEngine, fillPlaceholders } from '../../mocks/engine/index.ts';
import { createClient, createHttpTransport } from '../../generator/runtime/index.ts';
import { readModelSync } from '../../generator/read-model.ts';
import { modelFromDocs } from '../../mocks/server/model.ts';

const model = readModelSync([
  'docs/providers/confluent/iam/invitations/index.md',
  'docs/providers/google/cloudidentity/userinvitations/index.md',
]);

function write(dir: string, files: EmittedFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

describe('emitHandlers', () => {
  it('is deterministic, with relative forward-slash paths', () => {
    const a = emitHandlers(model);
    const b = emitHandlers(JSON.parse(JSON.stringify({ ...model, resources: [...model.resources].reverse() })));
    expect(b).toEqual(a);
    expect(a.map((f) => f.path)).toEqual([
      'mocks/handlers.ts',
      'mocks/confluent/iam/index.ts',
      'mocks/confluent/iam/model.json',
      'mocks/google/cloudidentity/index.ts',
      'mocks/google/cloudidentity/model.json',
      'mocks/node.ts',
      'mocks/browser.ts',
      'mocks/confluent/iam/invitations.ts',
      'mocks/google/cloudidentity/userinvitations.ts',
    ]);
    // The whole-model entry names each service's model.json, and holds no model itself.
    const aggregate = a.find((f) => f.path === 'mocks/handlers.ts')!.content;
    expect(aggregate).toContain("'confluent.iam': new URL('./confluent/iam/model.json', import.meta.url),");
    expect(aggregate).toContain("'google.cloudidentity': new URL('./google/cloudidentity/model.json', import.meta.url),");
    expect(aggregate).not.toContain('"resources"');
    // A service's entry names its own model.json and no other service's.
    const one = a.find((f) => f.path === 'mocks/google/cloudidentity/index.ts')!.content;
    expect(one).toContain("'google.cloudidentity': new URL('./model.json', import.meta.url),");
    expect(one).not.toContain('confluent');
    const chunk = JSON.parse(a.find((f) => f.path === 'mocks/google/cloudidentity/model.json')!.content);
    expect(chunk.needs).toEqual([]);
    expect(chunk.resources.map((r: { id: string }) => r.id)).toEqual(['google.cloudidentity.userinvitations']);
    const google = a.find((f) => f.path.endsWith('userinvitations.ts'))!.content;
    expect(google).toContain("export type UserinvitationsExecMethod = 'cancel' | 'is_invitable_user' | 'send';");
    // The mock's rows are the client's Row, imported: one row type for both.
    expect(google).toContain("import type { Row } from '../../../clients/google/cloudidentity/userinvitations.js';");
    expect(google).toContain("defineResourceMock<Row, UserinvitationsExecMethod>('google.cloudidentity.userinvitations')");
    expect(google).toContain("from '../../../mock-runtime/msw/index.js'");
  });

  it("loads a view's base service with the view's: its chunk needs the base's", () => {
    const views = readModelSync(['docs/providers/example/storage/buckets/index.md', 'docs/providers/example/storage/vw_buckets/index.md']);
    // The same view, documented in another service than its base.
    const moved = views.resources.map((r) => (r.view ? { ...r, service: 'reports', id: 'example.reports.vw_buckets' } : r));
    const files = emitHandlers({ ...views, resources: moved });
    const chunk = JSON.parse(files.find((f) => f.path === 'mocks/example/reports/model.json')!.content);
    expect(chunk.resources[0].view.base).toBe('example.storage.buckets');
    expect(chunk.needs).toEqual(['example.storage']);
    // The engine runs the SQLite definition from its text: the text is kept.
    expect(chunk.resources[0].view.definitions.find((d: { backend: string }) => /sqlite/i.test(d.backend)).sql).toMatch(/^SELECT/i);
  });

  it('emits a compact model that answers every documented example as the full model does', async () => {
    const full = await modelFromDocs('docs');
    const compact = compactModel(full);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length);
    expect(compact.diagnostics).toEqual([]);
    expect(compact.resources.every((r) => r.permissions === undefined)).toBe(true);
    // The examples stay whole: the contract suites derive what they check from them at run time.
    expect(compact.resources.map((r) => r.examples)).toEqual(full.resources.map((r) => r.examples));
    const a = createMockEngine({ model: full, seed: 2 });
    const b = createMockEngine({ model: compact, seed: 2 });
    let compared = 0;
    for (const resource of full.resources) {
      for (const example of resource.examples) {
        let query: string;
        try {
          query = fillPlaceholders(example, resource);
        } catch {
          continue;
        }
        const [x, y] = [await a.query({ query, showMetadata: false }), await b.query({ query, showMetadata: false })];
        expect({ query, status: y.status, body: y.body }).toEqual({ query, status: x.status, body: x.body });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});

describe('the emitted folder on its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emitted-mocks-'));

  beforeAll(() => {
    write(dir, [...emitClients(model), ...emitHandlers(model), ...runtimeFiles()]);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks under module nodenext, strict, with .js specifiers', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
          skipLibCheck: true, verbatimModuleSyntax: true, lib: ['ES2022', 'DOM'], types: ['node'],
        },
        include: ['mocks/**/*.ts', 'mock-runtime/**/*.ts', 'core/**/*.ts', 'runtime/**/*.ts', 'clients/**/*.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  }, 60_000);

  it('serves the engine with setupServer, and a per-resource helper overrides one answer', async () => {
    const { createHandlers } = await import(join(dir, 'mocks/handlers.ts'));
    const { invitations } = await import(join(dir, 'mocks/confluent/iam/invitations.ts'));
    const base = 'http://emitted.test';
    const handlers = createHandlers({ seed: 5, baseUrl: base });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const client = createClient({ transport: createHttpTransport({ baseUrl: base }) });
      const rows = await client.run('SELECT id, email FROM confluent.iam.invitations');
      expect(rows.length).toBeGreaterThan(0);
      server.use(invitations.select(() => [{ id: 'typed', email: 'typed@example.com' }]));
      expect(await client.run('SELECT id, email FROM confluent.iam.invitations')).toEqual([{ id: 'typed', email: 'typed@example.com' }]);
      server.resetHandlers();
      expect(await client.run('SELECT id, email FROM confluent.iam.invitations')).toEqual(rows);
      // The compact model keeps what INSERT needs: the columns the page's own example writes.
      await client.run("INSERT INTO confluent.iam.invitations (data__email) SELECT 'emitted@example.com'");
      expect(await client.run("SELECT email FROM confluent.iam.invitations WHERE email = 'emitted@example.com'")).toEqual([
        { email: 'emitted@example.com' },
      ]);
      expect(JSON.stringify(handlers.engine.snapshot())).toContain('emitted@example.com');
      // Only the service the statements named was read.
      expect(handlers.engine.loadedServices()).toEqual(['confluent.iam']);
    } finally {
      server.close();
    }
  });

  it("a service's entry loads that service's model.json only, and answers its resources", async () => {
    const { createHandlers } = await import(join(dir, 'mocks/google/cloudidentity/index.ts'));
    const base = 'http://one-service.test';
    const handlers = createHandlers({ seed: 5, baseUrl: base });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const client = createClient({ transport: createHttpTransport({ baseUrl: base }) });
      const rows = await client.run("SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'c1'");
      expect(rows.length).toBeGreaterThan(0);
      // Another service's resource is unknown to this entry, as to a middleware without it.
      await expect(client.run('SELECT id FROM confluent.iam.invitations')).rejects.toThrow(/unknown provider 'confluent'/);
      expect(handlers.engine.loadedServices()).toEqual(['google.cloudidentity']);
      // Synchronous calls on a service not loaded yet say how to load it.
      const fresh = createHandlers({ seed: 5 }).engine;
      expect(() => fresh.override('google.cloudidentity.userinvitations', { latencyMs: 1 })).toThrow(/await engine\.ready\('google\.cloudidentity\.userinvitations'\)/);
      await fresh.ready('google.cloudidentity.userinvitations');
      fresh.override('google.cloudidentity.userinvitations', { latencyMs: 1 });
    } finally {
      server.close();
    }
  });
});

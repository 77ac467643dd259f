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
import { emitHandlers, type EmittedFile } from '../../generator/emit/handlers.ts';
import { emitClients } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { createClient, createHttpTransport } from '../../generator/runtime/index.ts';
import { readModelSync } from '../../generator/read-model.ts';
import { decodeResource } from '../../generator/core/model-codec.ts';

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
      'mocks/confluent/iam/resources.ts',
      'mocks/google/cloudidentity/index.ts',
      'mocks/google/cloudidentity/resources.ts',
      'mocks/model-index.json',
      'mocks/node.ts',
      'mocks/browser.ts',
      'model.json',
    ]);
    // The whole-model entry names the index and model.json, and holds no model and no list of services.
    const aggregate = a.find((f) => f.path === 'mocks/handlers.ts')!.content;
    expect(aggregate).toContain("index: new URL('./model-index.json', import.meta.url),");
    expect(aggregate).toContain("model: new URL('../model.json', import.meta.url),");
    expect(aggregate).not.toMatch(/^\s*services:/m);
    expect(aggregate).not.toContain('"resources"');
    // A service's entry names its service and no other.
    const one = a.find((f) => f.path === 'mocks/google/cloudidentity/index.ts')!.content;
    expect(one).toContain("index: new URL('../../model-index.json', import.meta.url),");
    expect(one).toContain("model: new URL('../../../model.json', import.meta.url),");
    expect(one).toContain("services: ['google.cloudidentity'],");
    expect(one).not.toContain('confluent');
    // The index gives each service's bytes of model.json: its resources, and nothing else.
    const text = Buffer.from(a.find((f) => f.path === 'model.json')!.content);
    const index = JSON.parse(a.find((f) => f.path === 'mocks/model-index.json')!.content);
    expect(index.model).toBe('../model.json');
    expect(index.bytes).toBe(text.length);
    expect(Object.keys(index.services)).toEqual(['confluent.iam', 'google.cloudidentity']);
    const google = index.services['google.cloudidentity'];
    expect({ resources: google.resources, needs: google.needs }).toEqual({ resources: 1, needs: [] });
    expect((JSON.parse(`[${text.subarray(google.start, google.end).toString('utf8')}]`) as unknown[]).map(decodeResource)).toEqual(model.resources.filter((r) => r.service === 'cloudidentity'));
    // One module of helpers per service; the mock's rows are the client's Row and its EXEC methods the
    // client's (type-only imports: one row type for both). What they come to: the folder's type check below.
    const helper = a.find((f) => f.path === 'mocks/google/cloudidentity/resources.ts')!.content;
    const client = "import('../../../clients/google/cloudidentity/userinvitations.js')";
    expect(helper).toContain(`export type UserinvitationsExecMethod = ExecMethodOf<${client}.Methods>;`);
    expect(helper).toContain(`export const userinvitations = defineResourceMock<${client}.Row, UserinvitationsExecMethod>('google.cloudidentity.userinvitations');`);
    expect(helper).toContain("from '../../../mock-runtime/msw/index.js'");
  });

  it("loads a view's base service with the view's: the index says its service needs the base's", () => {
    const views = readModelSync(['docs/providers/example/storage/buckets/index.md', 'docs/providers/example/storage/vw_buckets/index.md']);
    // The same view, documented in another service than its base.
    const moved = views.resources.map((r) => (r.view ? { ...r, service: 'reports', id: 'example.reports.vw_buckets' } : r));
    const files = emitHandlers({ ...views, resources: moved });
    const index = JSON.parse(files.find((f) => f.path === 'mocks/model-index.json')!.content);
    expect(index.services['example.reports'].needs).toEqual(['example.storage']);
    expect(index.services['example.storage'].needs).toEqual([]);
    const text = Buffer.from(files.find((f) => f.path === 'model.json')!.content);
    const reports = index.services['example.reports'];
    const [view] = (JSON.parse(`[${text.subarray(reports.start, reports.end).toString('utf8')}]`) as unknown[]).map(decodeResource);
    expect(view!.view!.base).toBe('example.storage.buckets');
    // The entry of the view's service names that service only: the base's comes from the index at run time.
    expect(files.find((f) => f.path === 'mocks/example/reports/index.ts')!.content).toContain("services: ['example.reports'],");
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
        include: ['mocks/**/*.ts', 'mock-runtime/**/*.ts', 'core/**/*.ts', 'runtime/**/*.ts', 'clients/**/*.ts', 'helpers-usage.ts'],
      }),
    );
    // The helpers' types: the client's Row and exactly its EXEC methods.
    writeFileSync(
      join(dir, 'helpers-usage.ts'),
      [
        "import type { UserinvitationsExecMethod } from './mocks/google/cloudidentity/resources.js';",
        "import { invitations } from './mocks/confluent/iam/resources.js';",
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        "export const exact: Same<UserinvitationsExecMethod, 'cancel' | 'is_invitable_user' | 'send'> = true;",
        "export const typed = invitations.select(() => [{ id: 'i', email: 'e' }]);",
        '// @ts-expect-error a column the client\'s Row does not have',
        "export const untyped = invitations.select(() => [{ id: 1 }]);",
        '',
      ].join('\n'),
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
    const { invitations } = await import(join(dir, 'mocks/confluent/iam/resources.ts'));
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
      // The model keeps what INSERT needs: the columns the page's own example writes.
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

  it("a service's entry reads that service's bytes of model.json only, and answers its resources", async () => {
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

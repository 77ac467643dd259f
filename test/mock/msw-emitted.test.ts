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
      'mocks/model.ts',
      'mocks/handlers.ts',
      'mocks/node.ts',
      'mocks/browser.ts',
      'mocks/confluent/iam/invitations.ts',
      'mocks/google/cloudidentity/userinvitations.ts',
    ]);
    const google = a.find((f) => f.path.endsWith('userinvitations.ts'))!.content;
    expect(google).toContain("export type UserinvitationsExecMethod = 'cancel' | 'is_invitable_user' | 'send';");
    // The mock's rows are the client's Row, imported: one row type for both.
    expect(google).toContain("import type { Row } from '../../../clients/google/cloudidentity/userinvitations.js';");
    expect(google).toContain("defineResourceMock<Row, UserinvitationsExecMethod>('google.cloudidentity.userinvitations')");
    expect(google).toContain("from '../../../mock-runtime/msw/index.js'");
  });

  it('emits a compact model that answers every documented example as the full model does', async () => {
    const full = await modelFromDocs('docs');
    const compact = compactModel(full);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length * 0.8);
    // The engine reads the columns of the docs' INSERT/UPDATE/REPLACE examples and their targets.
    const kept = new Set<string>(compact.resources.flatMap((r) => r.examples.map((e) => e.statement?.kind ?? 'none')));
    expect([...kept].sort()).toEqual(['insert', 'none', 'replace', 'update'].filter((k) => kept.has(k)));
    expect(kept.has('insert')).toBe(true);
    expect(compact.resources.flatMap((r) => r.examples.map((e) => e.target))).toEqual(full.resources.flatMap((r) => r.examples.map((e) => e.target)));
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
    } finally {
      server.close();
    }
  });
});

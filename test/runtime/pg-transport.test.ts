/**
 * createPgTransport, as users get it (the copy in generated/, through the generated clients' index),
 * against the mock's Postgres-wire front with the HTTP front on the same engine: every SELECT method
 * of every docs resource answers the same data over both; errors are the same classes and messages;
 * notices, abort, timeout, refusals; and what happens without `pg` installed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpTransport,
  createPgTransport,
  createStackQLClient,
  loaders,
  StackQLAbortError,

  StackQLHttpError,
  StackQLNetworkError,
  StackQLRenderError,
  StackQLTimeoutError,
  type PgTransport,
  type StackQLResourcesClient,
} from '../../generated/clients/index.js';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { startMockServer, type RunningMockServer } from '../../mocks/server/server.ts';
import { docsModel, ROOT } from '../helpers/model.ts';

let engine: MockEngine;
let running: RunningMockServer;
let transport: PgTransport;
let overHttp: StackQLResourcesClient;
let overPg: StackQLResourcesClient;

beforeAll(async () => {
  engine = createMockEngine({ model: docsModel() });
  running = await startMockServer(engine, { port: 0, pg: { port: 0, debugNotices: true } });
  transport = createPgTransport({ host: '127.0.0.1', port: running.pg!.port });
  overHttp = createStackQLClient({ transport: createHttpTransport({ baseUrl: running.url }) });
  overPg = createStackQLClient({ transport });
});
afterAll(async () => {
  await transport?.close();
  await running?.close();
});
beforeEach(() => engine.reset());

type Outcome = { rows: unknown[] } | { error: string; status?: number; message: string };

async function outcome(call: () => Promise<unknown[]>): Promise<Outcome> {
  try {
    return { rows: await call() };
  } catch (error) {
    const e = error as StackQLHttpError;
    return { error: e.name, status: e.status, message: e.serverMessage ?? e.message };
  }
}

describe('the same answers over HTTP and over the Postgres wire', () => {
  it('for every SELECT method of every resource of docs/', async () => {
    let compared = 0;
    let withRows = 0;
    for (const id of overHttp.resourceIds) {
      const { resource } = await loaders[id]();
      for (const [key, method] of Object.entries(resource.methods)) {
        if (method.verb !== 'select') continue;
        const args = Object.fromEntries((method.required ?? []).map((name) => [name, `v-${name}`]));
        const query = (client: StackQLResourcesClient) => () => (client.query as (...a: unknown[]) => Promise<unknown[]>)(id, key, args);
        const http = await outcome(query(overHttp));
        const pg = await outcome(query(overPg));
        expect(pg, `${id}.${key}`).toEqual(http);
        compared++;
        if ('rows' in http && http.rows.length > 0) withRows++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(withRows).toBeGreaterThanOrEqual(6);
  });

  it('for values of every JSON kind: numbers, booleans, objects, arrays, nulls', async () => {
    const http = await overHttp.run("SELECT * FROM example.compute.instances WHERE region = 'us-east-1'");
    const pg = await overPg.run("SELECT * FROM example.compute.instances WHERE region = 'us-east-1'");
    expect(pg).toEqual(http);
    const first = pg[0] as Record<string, unknown>;
    expect(typeof first.cpu_count).toBe('number');
    expect(Array.isArray(first.tags)).toBe(true);
  });

  it('for SHOW and DESCRIBE', async () => {
    for (const statement of ['SHOW PROVIDERS', 'SHOW EXTENDED RESOURCES IN example.compute', 'DESCRIBE EXTENDED confluent.iam.invitations', 'SHOW METHODS IN google.cloudidentity.userinvitations']) {
      expect(await overPg.run(statement), statement).toEqual(await overHttp.run(statement));
    }
  });

  it('for writes: INSERT and DELETE answer no rows and change the one store both fronts read', async () => {
    expect(await overPg.query('confluent.iam.invitations', 'create_iam_v2invitation', { email: 'pg@example.com' })).toEqual([]);
    const listed = (await overHttp.query('confluent.iam.invitations', 'list_iam_v2invitations')) as Array<{ id: string; email: string }>;
    const created = listed.find((r) => r.email === 'pg@example.com')!;
    expect(created).toBeDefined();
    expect(await overPg.query('confluent.iam.invitations', 'get_iam_v2invitation', { id: created.id })).toEqual(
      await overHttp.query('confluent.iam.invitations', 'get_iam_v2invitation', { id: created.id }),
    );
    expect(await overPg.query('confluent.iam.invitations', 'delete_iam_v2invitation', { id: created.id })).toEqual([]);
    expect(await overHttp.query('confluent.iam.invitations', 'get_iam_v2invitation', { id: created.id })).toEqual([]);
  });

  it("for EXEC: recorded the same; the wire's bare OK is no rows, where the HTTP mock adds its message row", async () => {
    const args = { customersId: 'C01', userinvitationsId: 'u1' };
    expect(await overPg.query('google.cloudidentity.userinvitations', 'send', args)).toEqual([]);
    expect(await overHttp.query('google.cloudidentity.userinvitations', 'send', args)).toEqual([{ message: 'The operation was despatched successfully' }]);
    expect(engine.execLog()).toEqual([engine.execLog()[0], engine.execLog()[0]]);
  });

  it('for a refused statement: StackQLHttpError 400 with the engine message', async () => {
    const statement = 'SELECT name FROM google.cloudidentity.userinvitations';
    const http = await outcome(() => overHttp.run(statement));
    const pg = await outcome(() => overPg.run(statement));
    expect(pg).toEqual(http);
    expect(pg).toMatchObject({ error: 'StackQLHttpError', status: 400, message: expect.stringMatching(/^missing required parameter customersId/) });
  });
});

describe('createPgTransport', () => {
  it('surfaces notices: a provider failure on a SELECT is zero rows and a notice (debug mode)', async () => {
    engine.override('confluent.iam.invitations', { fault: { status: 503, message: 'unavailable' } });
    const result = await transport.execute('SELECT id FROM confluent.iam.invitations');
    expect(result).toEqual({ data: [], notices: ['http response status code: 503, response body: unavailable'] });
  });

  it("refuses params and a statement stackql srv would cut at a ';', sending nothing", async () => {
    const log: string[] = [];
    const own = await startMockServer(engine, { port: 0, pg: { port: 0, log: (e) => log.push(e.statement ?? '') } });
    const t = createPgTransport({ host: '127.0.0.1', port: own.pg!.port });
    try {
      await expect(t.execute('SELECT 1', { params: { a: 'b' } })).rejects.toThrow(StackQLRenderError);
      const client = createStackQLClient({ transport: t });
      await expect(client.query('confluent.iam.invitations', 'get_iam_v2invitation', { id: 'a;b' })).rejects.toThrow(/would be cut into 2 parts/);
      await expect(t.execute('SELECT id FROM confluent.iam.invitations; SELECT 1')).rejects.toThrow(StackQLRenderError);
      // A trailing ; and a ; inside double quotes are fine.
      expect((await t.execute('SELECT id FROM confluent.iam.invitations;')).data).toHaveLength(3);
      expect(log).toEqual(['SELECT id FROM confluent.iam.invitations']);
    } finally {
      await t.close();
      await own.close();
    }
  });

  it('rejects with StackQLAbortError on abort and StackQLTimeoutError on timeout, and keeps working', async () => {
    engine.override('confluent.iam.invitations', { latencyMs: 300 });
    const controller = new AbortController();
    const aborted = transport.execute('SELECT id FROM confluent.iam.invitations', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(aborted).rejects.toThrow(StackQLAbortError);
    const quick = createPgTransport({ host: '127.0.0.1', port: running.pg!.port, timeoutMs: 50 });
    try {
      await expect(quick.execute('SELECT id FROM confluent.iam.invitations')).rejects.toThrow(StackQLTimeoutError);
      engine.override('confluent.iam.invitations', undefined);
      expect((await quick.execute('SELECT id FROM confluent.iam.invitations')).data).toHaveLength(3);
    } finally {
      await quick.close();
    }
    expect((await transport.execute('SELECT id FROM confluent.iam.invitations')).data).toHaveLength(3);
  });

  it('maps a refused connection to StackQLNetworkError, and refuses statements once closed', async () => {
    const nowhere = createPgTransport({ host: '127.0.0.1', port: 1 });
    await expect(nowhere.execute('SELECT 1')).rejects.toThrow(StackQLNetworkError);
    await nowhere.close();
    await expect(nowhere.execute('SELECT 1')).rejects.toThrow('this pg transport is closed');
  });

  it('refuses a module that is not pg', async () => {
    const wrong = createPgTransport({ pg: { nothing: true } });
    await expect(wrong.execute('SELECT 1')).rejects.toThrow("the module given as 'pg' has no Pool and types");
  });

  it('says how to install pg when it is missing (the runtime copied outside any node_modules)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-pg-'));
    try {
      cpSync(join(ROOT, 'generated/runtime'), join(dir, 'runtime'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
      const script = `import(${JSON.stringify(join(dir, 'runtime/pg-transport.ts'))}).then(({ createPgTransport }) =>
        createPgTransport({ port: 1 }).execute('SELECT 1')).then(() => console.log('no error'), (e) => console.log(e.name + ': ' + e.message))`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.stdout.trim()).toBe(
        "StackQLError: createPgTransport needs the 'pg' package, which is not installed: run `npm install pg` (an optional peer dependency, so browser apps do not carry it)",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays out of browser bundles: pg is never bundled with the client runtime', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'generated/runtime/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0].text;
    expect(text).toContain('createPgTransport');
    expect(text).not.toMatch(/pg-pool|pg-protocol|BackendKeyData|pgpass/);
  });
});



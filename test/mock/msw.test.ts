/**
 * The mock through msw in Node: `setupServer` with the engine's handlers, reached by the generated
 * clients' own HTTP transport, and `stackql.*` overrides that replace one answer.
 */
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { StackQLHttpError, createClient, createHttpTransport, renderInsert } from '../../generator/runtime/index.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { createStackqlHandlers, stackql, stackqlError } from '../../mocks/msw/index.ts';
import { defineResourceMock, type ExecMethodOf } from '../../mocks/msw/resource.ts';
import { readModelSync } from '../../generator/read-model.ts';

const model = readModelSync([
  'docs/providers/confluent/iam/invitations/index.md',
  'docs/providers/google/cloudidentity/userinvitations/index.md',
]);
const BASE = 'http://stackql.test:8080';
const engine = createMockEngine({ model, seed: 1 });
const server = setupServer(...createStackqlHandlers(engine, { baseUrl: BASE }));
const client = createClient({ transport: createHttpTransport({ baseUrl: BASE }) });

const INVITATIONS = 'SELECT id, email FROM confluent.iam.invitations';
const USER_INVITATIONS = "SELECT name, state FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'";

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  engine.reset();
});
afterAll(() => server.close());

describe('handlers backed by the engine', () => {
  it('answers a SELECT with the engine’s rows, as the engine itself does', async () => {
    const result = await client.execute(INVITATIONS);
    expect(result.data.length).toBeGreaterThan(0);
    for (const row of result.data) expect(Object.keys(row).sort()).toEqual(['email', 'id']);
    expect(result.metadata?.result?.rowCount).toBe(result.data.length);
    const direct = await engine.query({ query: INVITATIONS, showMetadata: false });
    expect(direct.status).toBe(200);
    expect((direct.body as { data: unknown[] }).data).toEqual(result.data);
  });

  it('keeps state across requests: INSERT, then SELECT finds the row', async () => {
    const insert = renderInsert({ target: 'confluent.iam.invitations', values: [['data__email', 'new.person@example.com']] });
    await client.run(insert);
    const rows = await client.run<{ email: string }>(`${INVITATIONS} WHERE email = 'new.person@example.com'`);
    expect(rows.map((r) => r.email)).toEqual(['new.person@example.com']);
  });

  it('passes the engine’s 400 through as the transport’s StackQLHttpError', async () => {
    const error = await client.run('SELECT id FROM confluent.iam.no_such_resource').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackQLHttpError);
    expect((error as StackQLHttpError).status).toBe(400);
    expect((error as StackQLHttpError).message).toMatch(/no_such_resource/);
  });

  it('serves the meta routes, /health and the control routes', async () => {
    const health = await fetch(`${BASE}/health`);
    expect(health.status).toBe(200);
    const providers = await fetch(`${BASE}/providers`);
    expect(providers.status).toBe(200);
    const names = ((await providers.json()) as { data: Array<Record<string, unknown>> }).data.map((r) => JSON.stringify(r));
    expect(names.join()).toMatch(/confluent/);
    expect(names.join()).toMatch(/google/);
    const resources = await fetch(`${BASE}/providers/google/services/cloudidentity/resources`);
    expect(resources.status).toBe(200);
    expect(JSON.stringify(await resources.json())).toMatch(/userinvitations/);

    await client.run(renderInsert({ target: 'confluent.iam.invitations', values: [['data__email', 'gone@example.com']] }));
    const reset = await fetch(`${BASE}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBeLessThan(300);
    expect(await client.run(`${INVITATIONS} WHERE email = 'gone@example.com'`)).toEqual([]);
  });
});

describe('stackql.* overrides', () => {
  it('replaces one resource’s SELECT, leaves the others alone, and resetHandlers() restores it', async () => {
    const before = await client.run(INVITATIONS);
    const others = await client.run(USER_INVITATIONS);
    expect(before.length).toBeGreaterThan(0);

    const seen: string[] = [];
    server.use(
      stackql.select('confluent.iam.invitations', ({ statement, query }) => {
        seen.push(`${statement.kind} ${statement.target.parts.join('.')} ${query}`);
        return [{ id: 'override-1', email: 'override@example.com' }];
      }),
    );
    expect(await client.run(INVITATIONS)).toEqual([{ id: 'override-1', email: 'override@example.com' }]);
    expect(seen).toEqual([`select confluent.iam.invitations ${INVITATIONS}`]);
    // Another resource, and another verb on the same resource, still reach the engine.
    expect(await client.run(USER_INVITATIONS)).toEqual(others);
    await client.run(renderInsert({ target: 'confluent.iam.invitations', values: [['data__email', 'x@example.com']] }));
    expect(seen).toHaveLength(1);

    server.resetHandlers();
    const after = await client.run(INVITATIONS);
    expect(after).not.toContainEqual({ id: 'override-1', email: 'override@example.com' });
    expect(after.length).toBeGreaterThan(0);
  });

  it('matches on the statement after params substitution, and sees the params', async () => {
    server.use(
      stackql.select('confluent.iam.invitations', ({ statement, params, renderedQuery }) => {
        const where = statement.where.map((p) => `${p.name}=${p.value?.type === 'string' ? p.value.value : '?'}`);
        return [{ where: where.join(','), params: JSON.stringify(params), renderedQuery }];
      }),
    );
    const rows = await client.run(`SELECT id FROM confluent.iam.invitations WHERE id = '$id'`, { params: { id: "it's" } });
    expect(rows).toEqual([
      {
        where: "id=it's",
        params: JSON.stringify({ id: "it's" }),
        renderedQuery: "SELECT id FROM confluent.iam.invitations WHERE id = 'it''s'",
      },
    ]);
  });

  it('falls through to the engine when the resolver returns undefined', async () => {
    const expected = await client.run(INVITATIONS);
    let calls = 0;
    server.use(
      stackql.select('confluent.iam.invitations', () => {
        calls++;
        return undefined;
      }),
    );
    expect(await client.run(INVITATIONS)).toEqual(expected);
    expect(calls).toBe(1);
  });

  it('answers an EXEC of one method with an error Response; other methods are untouched', async () => {
    const methods: string[] = [];
    server.use(
      stackql.exec('google.cloudidentity.userinvitations', 'send', ({ method, statement }) => {
        methods.push(`${method} ${statement.args.map((a) => a.name).join(',')}`);
        return stackqlError('quota exceeded', 429);
      }),
    );
    const error = await client
      .run("EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'u1'")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackQLHttpError);
    expect((error as StackQLHttpError).status).toBe(429);
    expect((error as StackQLHttpError).serverMessage).toBe('quota exceeded');
    expect(methods).toEqual(['send customersId,userinvitationsId']);

    // Another method of the same resource reaches the engine.
    const cancel = await client
      .run("EXEC google.cloudidentity.userinvitations.cancel @customersId = 'C01', @userinvitationsId = 'u1'")
      .then(() => undefined, (e: unknown) => e);
    if (cancel instanceof StackQLHttpError) expect(cancel.status).not.toBe(429);
    expect(methods).toHaveLength(1);
    expect(engine.execLog().map((e) => e.method)).toContain('cancel');
  });

  it('handles INSERT, case-insensitive targets, globs, `once` and a raw HttpResponse', async () => {
    server.use(
      stackql.insert('CONFLUENT.IAM.INVITATIONS', ({ statement }) => [{ columns: statement.columns.join(',') }], { once: true }),
      stackql.statement('google.*', () => HttpResponse.json({ data: [{ any: 'statement' }] })),
    );
    const insert = renderInsert({ target: 'confluent.iam.invitations', values: [['data__email', 'a@example.com']] });
    expect(await client.run(insert)).toEqual([{ columns: 'data__email' }]);
    expect(await client.run(insert)).not.toEqual([{ columns: 'data__email' }]); // once: the engine answers now
    expect(await client.run(USER_INVITATIONS)).toEqual([{ any: 'statement' }]);
  });

  it('respects the base URL: a handler linked to another origin does not match', async () => {
    server.use(stackql.link('http://elsewhere.test').select('confluent.iam.invitations', () => [{ id: 'elsewhere' }]));
    expect(await client.run(INVITATIONS)).not.toContainEqual({ id: 'elsewhere' });
    server.use(stackql.link(BASE).select('confluent.iam.invitations', () => [{ id: 'here' }]));
    expect(await client.run(INVITATIONS)).toEqual([{ id: 'here' }]);
  });

  it('binds a resource: select, fault, and mock(engine) scoped to it', async () => {
    const invitations = defineResourceMock<{ id: string; email: string }>('confluent.iam.invitations');
    server.use(invitations.select(() => [{ id: 'bound' }]));
    expect(await client.run(INVITATIONS)).toEqual([{ id: 'bound' }]);

    server.resetHandlers();
    server.use(invitations.fault('upstream down', 503));
    const error = await client.run(INVITATIONS).catch((e: unknown) => e);
    expect((error as StackQLHttpError).status).toBe(503);
    expect(await client.run(USER_INVITATIONS)).toBeInstanceOf(Array);
  });

  it("types a resource's exec() by its client's EXEC methods, by the names statements carry", () => {
    // A client's Methods: a member named otherwise than the documented method carries its `name`.
    type Methods = {
      get: { verb: 'select'; args: { id: string }; row: { id: string | null }; defaults: 'id' };
      do_it: { verb: 'exec'; name: 'do-it'; args: { id: string } };
      run: { verb: 'exec'; args: Record<string, never> };
      create: { verb: 'insert'; args: { id?: string } };
    };
    expectTypeOf<ExecMethodOf<Methods>>().toEqualTypeOf<'do-it' | 'run'>();
    expectTypeOf<ExecMethodOf<{ get: Methods['get'] }>>().toBeNever();
    const bound = defineResourceMock<{ id: string }, ExecMethodOf<Methods>>('p.s.r');
    expectTypeOf(bound.exec).parameter(0).toEqualTypeOf<'do-it' | 'run'>();
  });

  it('binds a resource to an engine, so one resource can be mocked while the rest is not', async () => {
    const solo = setupServer(defineResourceMock('confluent.iam.invitations').mock(engine));
    server.close();
    solo.listen({ onUnhandledRequest: 'bypass' });
    try {
      expect((await client.run(INVITATIONS)).length).toBeGreaterThan(0);
      // Not mocked: the request goes to the network, where stackql.test does not resolve.
      const error = await client.run(USER_INVITATIONS).catch((e: unknown) => e);
      expect((error as Error).name).toBe('StackQLNetworkError');
    } finally {
      solo.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});

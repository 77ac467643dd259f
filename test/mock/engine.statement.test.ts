// engine.statement(): one statement as a SQL session (the Postgres-wire front) sees it: columns with
// the model fields they carry, even for zero rows; commands without rows; strict mode and params
// left to HTTP; a fault on a SELECT as zero rows and a notice, elsewhere an error.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine, type StatementResult } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
let engine: MockEngine;

beforeEach(() => {
  engine = createMockEngine({ model, strict: true });
});

async function ok(query: string): Promise<StatementResult> {
  const result = await engine.statement(query);
  if (!result.ok) throw new Error(`${query}: ${result.message}`);
  return result;
}

const shape = (r: StatementResult) => r.columns.map((c) => [c.name, c.field?.type ?? null]);

describe('engine.statement', () => {
  it('describes a SELECT * with the fields behind each column, and answers the rows HTTP answers', async () => {
    const query = "SELECT * FROM example.compute.instances WHERE region = 'us-east-1'";
    const result = await ok(query);
    expect(result.kind).toBe('rows');
    expect(shape(result)).toEqual([
      ['instance_id', 'string'],
      ['tags', 'array'],
      ['cpu_count', 'integer'],
      ['tenancy', 'string'],
      ['region', 'string'],
    ]);
    const http = await engine.query({ query });
    expect(result.rows).toEqual((http.body as { data: unknown[] }).data);
    expect(result.notices).toEqual([]);
  });

  it('describes the columns of an answer with no rows (SQLite path, a filter that matches nothing)', async () => {
    const result = await ok("SELECT instance_id, cpu_count AS cpus, upper(tenancy) AS t FROM example.compute.instances WHERE region = 'us-east-1' AND cpu_count < 0");
    expect(result.rows).toEqual([]);
    expect(shape(result)).toEqual([
      ['instance_id', 'string'],
      ['cpus', 'integer'],
      ['t', null],
    ]);
  });

  it('keeps one column per label, as the row objects do', async () => {
    const result = await ok('SELECT id, id FROM confluent.iam.invitations');
    expect(result.columns.map((c) => c.name)).toEqual(['id']);
  });

  it('describes SHOW and DESCRIBE columns when nothing matches', async () => {
    expect((await ok("SHOW RESOURCES IN confluent.iam LIKE 'zzz%'")).columns.map((c) => c.name)).toEqual(['name', 'id']);
    expect((await ok("SHOW EXTENDED METHODS IN confluent.iam.invitations LIKE 'zzz'")).columns.map((c) => c.name)).toEqual([
      'MethodName',
      'RequiredParams',
      'SQLVerb',
      'description',
    ]);
    const describe = await ok('DESCRIBE EXTENDED confluent.iam.invitations');
    expect(describe.columns.map((c) => c.name)).toEqual(['name', 'type', 'description']);
    expect(describe.rows.length).toBeGreaterThan(0);
    expect((await ok('REGISTRY LIST')).columns.map((c) => c.name)).toEqual(['provider', 'versions']);
  });

  it('answers mutations and EXEC as commands (no rows), ignoring strict mode, and they take effect', async () => {
    expect((await engine.query({ query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'x@example.com'" })).status).toBe(405);
    const insert = await ok("INSERT INTO confluent.iam.invitations (data__email) SELECT 'x@example.com'");
    expect(insert).toEqual({ ok: true, kind: 'command', columns: [], rows: [], notices: [] });
    const rows = (await ok("SELECT email FROM confluent.iam.invitations")).rows;
    expect(rows).toContainEqual({ email: 'x@example.com' });
    const exec = await ok("EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'u1'");
    expect(exec.kind).toBe('command');
    expect(engine.execLog()).toHaveLength(1);
    expect((await ok('REGISTRY PULL confluent')).kind).toBe('command');
  });

  it('answers rows for a mutation with RETURNING', async () => {
    const result = await ok("INSERT INTO confluent.iam.invitations (data__email) SELECT 'r@example.com' RETURNING email");
    expect(result.kind).toBe('rows');
    expect(result.rows).toEqual([{ email: 'r@example.com' }]);
    expect(result.columns.map((c) => c.name)).toEqual(['email']);
  });

  it('refuses what HTTP refuses, with the same message, and changes nothing', async () => {
    const before = engine.snapshot();
    const query = 'DELETE FROM confluent.iam.invitations';
    const result = await engine.statement(query);
    const http = await createMockEngine({ model }).query({ query });
    expect(result).toEqual({ ok: false, status: 400, message: (http.body as { error: string }).error });
    expect(engine.snapshot()).toEqual(before);
  });

  it('answers a provider fault on a SELECT with zero rows, the columns and a notice; elsewhere with the error', async () => {
    engine.override('confluent.iam.invitations', { fault: { status: 404, message: '{"error":"not found"}' } });
    const select = await ok('SELECT id, email FROM confluent.iam.invitations');
    expect(select.rows).toEqual([]);
    expect(select.columns.map((c) => c.name)).toEqual(['id', 'email']);
    expect(select.notices).toEqual(['http response status code: 404, response body: {"error":"not found"}']);
    const count = await ok('SELECT count(*) AS n FROM confluent.iam.invitations');
    expect(count.rows).toEqual([{ n: 0 }]);

    const before = engine.snapshot();
    expect(await engine.statement("INSERT INTO confluent.iam.invitations (data__email) SELECT 'f@example.com'")).toEqual({
      ok: false,
      status: 404,
      message: '{"error":"not found"}',
    });
    expect(engine.snapshot()).toEqual(before);
    // The HTTP front keeps answering the fault as an error.
    expect((await engine.query({ query: 'SELECT id FROM confluent.iam.invitations' })).status).toBe(404);
  });
});

describe('the SQLite path and the fast path', () => {
  it('read an object in a field of no documented type (`unknown`) the same way', async () => {
    // `metadata` has no documented type: a client may store an object in it.
    await ok(`INSERT INTO confluent.iam.invitations (data__email, data__metadata) SELECT 'o@example.com', '{"k":[1,"two"]}'`);
    const fast = await ok('SELECT email, metadata FROM confluent.iam.invitations');
    // `1 = 1` is no param: the statement goes through SQLite.
    const slow = await ok('SELECT email, metadata FROM confluent.iam.invitations WHERE 1 = 1');
    expect(fast.rows.find((r) => r.email === 'o@example.com')?.metadata).toEqual({ k: [1, 'two'] });
    expect(slow.rows).toEqual(fast.rows);
  });
});

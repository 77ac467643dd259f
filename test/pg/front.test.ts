// The Postgres-wire front, byte by byte against protocol.md §4: startup, simple query, types,
// errors, notices and the housekeeping queries; read back with pg-protocol's client parser.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../../generator/core/model.ts';
import { booleanType } from '../../generator/core/types.ts';
import { docsModel } from '../helpers/model.ts';
import { frame, names, rowsOf, serialize, startFront, type Front, type Message } from './wire.ts';

const model = docsModel();

/** The docs model with a boolean field, which no docs page has. */
function modelWithBoolean(): Model {
  const copy = structuredClone(model);
  const instances = copy.resources.find((r) => r.id === 'example.compute.instances')!;
  instances.fields.push({ name: 'enabled', type: 'boolean', rawType: 'boolean', description: 'On or off.', typeRef: booleanType(), line: 1 });
  return copy;
}

let front: Front;
beforeAll(async () => {
  front = await startFront({ model: modelWithBoolean() });
});
afterAll(() => front.close());
beforeEach(() => front.engine.reset());

const fieldsOf = (m: Message | undefined) => m?.fields.map((f: any) => [f.name, f.dataTypeID]);

describe('startup', () => {
  it('answers trust auth, the six ParameterStatus of stackql srv, no BackendKeyData, then ReadyForQuery I', async () => {
    const client = await front.connect();
    const messages = await client.startup({ user: 'alice', database: 'anything' });
    expect(names(messages)).toEqual(['authenticationOk', ...Array(6).fill('parameterStatus'), 'readyForQuery']);
    expect(messages.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue])).toEqual([
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['standard_conforming_strings', 'on'],
      ['is_superuser', 'off'],
      ['session_authorization', 'alice'],
      ['server_version', '150000'],
    ]);
    expect(messages.at(-1)!.status).toBe('I');
  });

  it("answers SSLRequest and GSSENCRequest 'N' without TLS, then takes the startup", async () => {
    const client = await front.connect();
    const gss = Buffer.alloc(8);
    gss.writeInt32BE(8);
    gss.writeInt32BE(80877104, 4);
    client.send(gss);
    expect(await client.byte()).toBe('N');
    client.send(serialize.requestSsl());
    expect(await client.byte()).toBe('N');
    expect(names(await client.startup()).at(-1)).toBe('readyForQuery');
  });

  it('closes a CancelRequest connection without a word', async () => {
    const client = await front.connect();
    client.send(serialize.cancel(1, 2));
    expect(await client.untilClosed()).toEqual([]);
  });

  it('refuses protocol 2 with a FATAL', async () => {
    const client = await front.connect();
    const packet = Buffer.alloc(9);
    packet.writeInt32BE(9);
    packet.writeInt32BE(2 << 16, 4);
    client.send(packet);
    const [error] = await client.untilClosed();
    expect([error.severity, error.code]).toEqual(['FATAL', '0A000']);
  });
});

describe('simple query', () => {
  it('describes columns by the model (numeric 1700, bool 16, text 25) with the layout StackQL sends', async () => {
    const client = await front.session();
    const messages = await client.query("SELECT instance_id, cpu_count, enabled, tags FROM example.compute.instances WHERE region = 'us-east-1'");
    expect(names(messages)).toEqual(['rowDescription', 'dataRow', 'dataRow', 'dataRow', 'commandComplete', 'readyForQuery']);
    const description = messages[0];
    expect(fieldsOf(description)).toEqual([
      ['instance_id', 25],
      ['cpu_count', 1700],
      ['enabled', 16],
      ['tags', 25],
    ]);
    for (const f of description.fields) expect([f.tableID, f.columnID, f.dataTypeSize, f.dataTypeModifier, f.format]).toEqual([0, 0, 1024, -1, 'text']);
    const http = ((await front.engine.query({ query: "SELECT instance_id, cpu_count, enabled, tags FROM example.compute.instances WHERE region = 'us-east-1'" })).body as { data: any[] }).data;
    expect(rowsOf(messages)).toEqual(
      http.map((r) => ({ instance_id: r.instance_id, cpu_count: String(r.cpu_count), enabled: r.enabled ? 't' : 'f', tags: JSON.stringify(r.tags) })),
    );
    expect(messages[4].text).toBe('OK');
  });

  it('sends RowDescription then OK for zero rows', async () => {
    const client = await front.session();
    const messages = await client.query("SELECT instance_id, cpu_count FROM example.compute.instances WHERE region = 'us-east-1' AND cpu_count < 0");
    expect(names(messages)).toEqual(['rowDescription', 'commandComplete', 'readyForQuery']);
    expect(fieldsOf(messages[0])).toEqual([
      ['instance_id', 25],
      ['cpu_count', 1700],
    ]);
    expect(messages[1].text).toBe('OK');
  });

  it('answers INSERT, DELETE and EXEC with OK alone, and they take effect', async () => {
    const client = await front.session();
    const insert = await client.query("INSERT INTO confluent.iam.invitations (data__email) SELECT 'new@example.com'");
    expect(names(insert)).toEqual(['commandComplete', 'readyForQuery']);
    expect(insert[0].text).toBe('OK');
    const rows = rowsOf(await client.query('SELECT id, email FROM confluent.iam.invitations'));
    const created = rows.find((r) => r.email === 'new@example.com')!;
    expect(created).toBeDefined();
    expect(names(await client.query(`DELETE FROM confluent.iam.invitations WHERE id = '${created.id}'`))).toEqual(['commandComplete', 'readyForQuery']);
    expect(rowsOf(await client.query('SELECT email FROM confluent.iam.invitations')).map((r) => r.email)).not.toContain('new@example.com');
    const exec = await client.query("EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'u1'");
    expect(exec.map((m) => m.text ?? m.name)).toEqual(['OK', 'readyForQuery']);
    expect(front.engine.execLog()).toHaveLength(1);
  });

  it('runs only the first statement, splitting on ; outside double quotes (even inside single quotes)', async () => {
    const client = await front.session();
    const two = await client.query("INSERT INTO confluent.iam.invitations (data__email) SELECT 'one@example.com'; INSERT INTO confluent.iam.invitations (data__email) SELECT 'two@example.com'");
    expect(names(two)).toEqual(['commandComplete', 'readyForQuery']);
    const emails = rowsOf(await client.query('SELECT email FROM confluent.iam.invitations')).map((r) => r.email);
    expect(emails).toContain('one@example.com');
    expect(emails).not.toContain('two@example.com');
    // StackQL cuts 'a;b' at the ;, so the first part is an unterminated string.
    const [cut] = await client.query("SELECT id FROM confluent.iam.invitations WHERE id = 'a;b'");
    expect(cut.message).toMatch(/^query returns error: syntax error at .*unterminated string literal/);
    expect(names(await client.query(' ; SELECT "a;b" FROM confluent.iam.invitations WHERE id = \'x\''))).toEqual(['rowDescription', 'commandComplete', 'readyForQuery']);
  });

  it('answers an empty query with OK', async () => {
    const client = await front.session();
    expect((await client.query('  ;  ')).map((m) => m.text ?? m.name)).toEqual(['OK', 'readyForQuery']);
  });

  it('sends the string null and null as SQL NULL', async () => {
    front.engine.load({ 'confluent.iam.invitations': [{ rows: [{ id: 'n1', email: 'null', status: null }] }] });
    const client = await front.session();
    const messages = await client.query("SELECT id, email, status FROM confluent.iam.invitations WHERE id = 'n1'");
    expect(messages.find((m) => m.name === 'dataRow')!.fields).toEqual(['n1', null, null]);
  });

  it('describes a numeric field holding text as text, so no client parser meets it', async () => {
    front.engine.load({ 'example.compute.instances': [{ scope: { region: 'eu-west-9' }, rows: [{ instance_id: 'i-1', cpu_count: 'many' }] }] });
    const client = await front.session();
    const messages = await client.query("SELECT instance_id, cpu_count FROM example.compute.instances WHERE region = 'eu-west-9'");
    expect(fieldsOf(messages[0])).toEqual([
      ['instance_id', 25],
      ['cpu_count', 25],
    ]);
    expect(rowsOf(messages)).toEqual([{ instance_id: 'i-1', cpu_count: 'many' }]);
  });

  it('answers a failing statement with exactly S=ERROR C=XXUUU M=query returns error: ..., and the session goes on', async () => {
    const client = await front.session();
    const before = front.engine.snapshot();
    const messages = await client.query('DELETE FROM confluent.iam.invitations');
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    const error = messages[0];
    const http = ((await front.engine.query({ query: 'DELETE FROM confluent.iam.invitations' })).body as { error: string }).error;
    expect(error.message).toBe(`query returns error: ${http}`);
    expect([error.severity, error.code]).toEqual(['ERROR', 'XXUUU']);
    const others = Object.entries(error).filter(([k, v]) => v !== undefined && !['name', 'length', 'message', 'severity', 'code'].includes(k));
    expect(others).toEqual([]);
    expect(front.engine.snapshot()).toEqual(before);
    expect(names(await client.query('SELECT id FROM confluent.iam.invitations')).at(-1)).toBe('readyForQuery');
  });

  it('answers the housekeeping queries clients send', async () => {
    const client = await front.session();
    const answer = async (q: string) => {
      const m = await client.query(q);
      return { fields: fieldsOf(m.find((x) => x.name === 'rowDescription')), rows: rowsOf(m), tag: m.find((x) => x.name === 'commandComplete')?.text };
    };
    expect(await answer("SET datestyle TO 'ISO'")).toEqual({ fields: undefined, rows: [], tag: 'OK' });
    expect(await answer('BEGIN')).toEqual({ fields: undefined, rows: [], tag: 'OK' });
    expect(await answer('COMMIT')).toEqual({ fields: undefined, rows: [], tag: 'OK' });
    expect(await answer('show transaction isolation level')).toEqual({ fields: [['transaction_isolation', 25]], rows: [{ transaction_isolation: 'read committed' }], tag: 'OK' });
    expect(await answer("SELECT 'test' as test_value")).toEqual({ fields: [['test_value', 25]], rows: [{ test_value: 'test' }], tag: 'OK' });
    expect((await answer('select pg_catalog.version()')).rows[0].version).toMatch(/^PostgreSQL 15\.0/);
    expect((await answer('select current_schema()')).rows).toEqual([{ current_schema: 'public' }]);
    expect((await answer('show standard_conforming_strings')).rows).toEqual([{ standard_conforming_strings: 'on' }]);
    const hstore = await answer("SELECT t.oid, typarray FROM pg_type t JOIN pg_namespace ns ON typnamespace = ns.oid WHERE typname = 'hstore'");
    expect(hstore).toEqual({ fields: [['oid', 25], ['typarray', 25]], rows: [], tag: 'OK' });
  });
});

describe('switches', () => {
  it('describes every column as text with allText', async () => {
    const textFront = await startFront({ model }, { allText: true });
    try {
      const client = await textFront.session();
      const messages = await client.query("SELECT instance_id, cpu_count FROM example.compute.instances WHERE region = 'us-east-1'");
      expect(fieldsOf(messages[0])).toEqual([
        ['instance_id', 25],
        ['cpu_count', 25],
      ]);
    } finally {
      await textFront.close();
    }
  });

  it('turns a provider fault on a SELECT into zero rows, plus a NOTICE and an empty tag in debug mode', async () => {
    const fault = { fault: { status: 404, message: '{"message":"not found"}' } };
    const quiet = await front.session();
    front.engine.override('confluent.iam.invitations', fault);
    const plain = await quiet.query('SELECT id FROM confluent.iam.invitations');
    expect(plain.map((m) => m.text ?? m.name)).toEqual(['rowDescription', 'OK', 'readyForQuery']);

    const debugFront = await startFront({ model }, { debugNotices: true });
    try {
      debugFront.engine.override('confluent.iam.invitations', fault);
      const client = await debugFront.session();
      const messages = await client.query('SELECT id FROM confluent.iam.invitations');
      expect(names(messages)).toEqual(['rowDescription', 'notice', 'commandComplete', 'readyForQuery']);
      const notice = messages[1];
      expect([notice.severity, notice.code, notice.message, notice.detail]).toEqual([
        'NOTICE',
        '01000',
        'a notice level event has occurred',
        'http response status code: 404, response body: {"message":"not found"}',
      ]);
      expect(messages[2].text).toBe('');
      // A fault on a write is an error, as it is over HTTP.
      const insert = await client.query("INSERT INTO confluent.iam.invitations (data__email) SELECT 'x@example.com'");
      expect([insert[0].code, insert[0].message]).toEqual(['XXUUU', 'query returns error: {"message":"not found"}']);
    } finally {
      await debugFront.close();
    }
  });
});

describe('unknown message types', () => {
  it('answers FATAL 08003 like StackQL and closes that connection only', async () => {
    const other = await front.session();
    const client = await front.session();
    client.send(frame('F', Buffer.alloc(10)));
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code, fatal.message]).toEqual(['FATAL', '08003', 'unimplemented client message type: 70']);
    expect(names(await other.query('SELECT id FROM confluent.iam.invitations')).at(-1)).toBe('readyForQuery');
  });

  it('ignores copy messages outside a copy', async () => {
    const client = await front.session();
    client.send(frame('d', 'x'));
    client.send(frame('c'));
    expect(names(await client.query("SELECT 'still' AS here"))).toEqual(['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
  });

  it('ends the session on Terminate', async () => {
    const client = await front.session();
    client.send(serialize.end());
    expect(await client.untilClosed()).toEqual([]);
  });
});

describe('shutdown', () => {
  it('tells open sessions it is shutting down', async () => {
    const own = await startFront({ model });
    const client = await own.session();
    const closing = own.server.close();
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code]).toEqual(['FATAL', '57P01']);
    await closing;
    await own.close();
    expect(own.server.connections).toBe(0);
  });
});




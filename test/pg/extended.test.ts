// The extended query protocol as Postgres defines it (StackQL's own re-sends RowDescription after
// Execute; the mock does not): Parse/Bind/Describe/Execute/Sync/Close/Flush, `$n` bound as
// literals, row limits, and after an error everything dropped until Sync.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docsModel } from '../helpers/model.ts';
import { frame, names, serialize, startFront, type Front } from './wire.ts';

let front: Front;
beforeAll(async () => {
  front = await startFront({ model: docsModel() });
});
afterAll(() => front.close());
beforeEach(() => front.engine.reset());

const SELECT = 'SELECT id, email FROM confluent.iam.invitations WHERE id = $1';

describe('extended protocol', () => {
  it('runs Parse, Bind, Describe portal, Execute, Sync with the rows described once, before Execute', async () => {
    const client = await front.session();
    const [first] = ((await front.engine.query({ query: 'SELECT id, email FROM confluent.iam.invitations' })).body as { data: any[] }).data;
    client.send(
      Buffer.concat([
        serialize.parse({ text: SELECT, types: [] }),
        serialize.bind({ values: [first.id] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const messages = await client.until();
    expect(names(messages)).toEqual(['parseComplete', 'bindComplete', 'rowDescription', 'dataRow', 'commandComplete', 'readyForQuery']);
    expect(messages[3].fields).toEqual([first.id, first.email]);
    expect(messages[4].text).toBe('OK');
    expect(messages[5].status).toBe('I');
  });

  it('binds a parameter as one literal: a quote or a ; in it cannot change the statement', async () => {
    const client = await front.session();
    await client.query('SELECT id FROM confluent.iam.invitations');
    const before = front.engine.snapshot();
    client.send(
      Buffer.concat([
        serialize.parse({ text: SELECT }),
        serialize.bind({ values: ["x'; DELETE FROM confluent.iam.invitations WHERE id = 'y"] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    expect(names(await client.until())).toEqual(['parseComplete', 'bindComplete', 'rowDescription', 'commandComplete', 'readyForQuery']);
    expect(front.engine.snapshot()).toEqual(before);
  });

  it('honours an Execute row limit with PortalSuspended, and continues on the next Execute', async () => {
    const client = await front.session();
    client.send(
      Buffer.concat([
        serialize.parse({ name: 'all', text: 'SELECT id FROM confluent.iam.invitations' }),
        serialize.bind({ portal: 'p', statement: 'all' }),
        serialize.execute({ portal: 'p', rows: 2 }),
        serialize.execute({ portal: 'p', rows: 2 }),
        serialize.sync(),
      ]),
    );
    expect(names(await client.until())).toEqual([
      'parseComplete',
      'bindComplete',
      'dataRow',
      'dataRow',
      'portalSuspended',
      'dataRow',
      'commandComplete',
      'readyForQuery',
    ]);
  });

  it('describes a statement: parameters and, for a read without parameters, its columns; NoData for a write', async () => {
    const client = await front.session();
    client.send(
      Buffer.concat([
        serialize.parse({ name: 'r', text: 'SELECT id FROM confluent.iam.invitations' }),
        serialize.describe({ type: 'S', name: 'r' }),
        serialize.parse({ name: 'w', text: 'DELETE FROM confluent.iam.invitations WHERE id = $1', types: [25] }),
        serialize.describe({ type: 'S', name: 'w' }),
        serialize.sync(),
      ]),
    );
    const messages = await client.until();
    expect(names(messages)).toEqual(['parseComplete', 'parameterDescription', 'rowDescription', 'parseComplete', 'parameterDescription', 'noData', 'readyForQuery']);
    expect(messages[1].dataTypeIDs).toEqual([]);
    expect(messages[4].dataTypeIDs).toEqual([25]);
    client.send(Buffer.concat([serialize.parse({ name: 'rp', text: SELECT }), serialize.describe({ type: 'S', name: 'rp' }), serialize.sync()]));
    const refused = await client.until();
    expect(names(refused)).toEqual(['parseComplete', 'error', 'readyForQuery']);
    expect(refused[1].code).toBe('0A000');
  });

  it('runs a write with no rows: BindComplete, NoData, OK', async () => {
    const client = await front.session();
    client.send(
      Buffer.concat([
        serialize.parse({ text: 'INSERT INTO confluent.iam.invitations (data__email) SELECT $1' }),
        serialize.bind({ values: ['ext@example.com'] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    expect((await client.until()).map((m) => m.text ?? m.name)).toEqual(['parseComplete', 'bindComplete', 'noData', 'OK', 'readyForQuery']);
    const rows = ((await front.engine.query({ query: 'SELECT email FROM confluent.iam.invitations' })).body as { data: any[] }).data;
    expect(rows).toContainEqual({ email: 'ext@example.com' });
  });

  it('after an error drops every message up to Sync, then answers ReadyForQuery and goes on', async () => {
    const client = await front.session();
    client.send(
      Buffer.concat([
        serialize.bind({ statement: 'missing' }),
        serialize.execute({}),
        serialize.parse({ text: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'dropped@example.com'" }),
        serialize.bind({}),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const messages = await client.until();
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    expect([messages[0].code, messages[0].message]).toEqual(['26000', 'prepared statement "missing" does not exist']);
    // Not 'E': outside a transaction block the failed implicit transaction is over at Sync.
    expect(messages[1].status).toBe('I');
    const rows = ((await front.engine.query({ query: 'SELECT email FROM confluent.iam.invitations' })).body as { data: any[] }).data;
    expect(rows).not.toContainEqual({ email: 'dropped@example.com' });
    expect(names(await client.query('SELECT id FROM confluent.iam.invitations')).at(-1)).toBe('readyForQuery');
  });

  it('answers an engine error at Execute as XXUUU, then discards until Sync', async () => {
    const client = await front.session();
    client.send(
      Buffer.concat([
        serialize.parse({ text: 'DELETE FROM confluent.iam.invitations' }),
        serialize.bind({}),
        serialize.execute({}),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const messages = await client.until();
    expect(names(messages)).toEqual(['parseComplete', 'bindComplete', 'error', 'readyForQuery']);
    expect(messages[2].code).toBe('XXUUU');
    expect(messages[2].message).toMatch(/^query returns error: missing required parameter id for DELETE/);
  });

  it('refuses a bind with the wrong number of values, binary formats, and two statements in one Parse', async () => {
    const client = await front.session();
    const code = async (...parts: Buffer[]) => {
      client.send(Buffer.concat([...parts, serialize.sync()]));
      return (await client.until()).find((m) => m.name === 'error')?.code;
    };
    expect(await code(serialize.parse({ text: SELECT }), serialize.bind({ values: [] }))).toBe('08P01');
    expect(await code(serialize.parse({ text: SELECT }), serialize.bind({ values: ['a'], binary: true }))).toBe('0A000');
    expect(await code(serialize.parse({ text: 'SELECT id FROM confluent.iam.invitations; SELECT 1' }))).toBe('42601');
    expect(await code(serialize.parse({ name: 'dup', text: SELECT }), serialize.parse({ name: 'dup', text: SELECT }))).toBe('42P05');
  });

  it('closes statements and portals, and flushes on Flush without a Sync', async () => {
    const client = await front.session();
    client.send(Buffer.concat([serialize.parse({ name: 's1', text: SELECT }), serialize.flush()]));
    expect(names(await client.until((m) => m.name === 'parseComplete'))).toEqual(['parseComplete']);
    client.send(Buffer.concat([serialize.close({ type: 'S', name: 's1' }), serialize.bind({ statement: 's1', values: ['x'] }), serialize.sync()]));
    const messages = await client.until();
    expect(names(messages)).toEqual(['closeComplete', 'error', 'readyForQuery']);
    expect(messages[1].code).toBe('26000');
  });

  it('answers a malformed extended message with 08P01 and keeps the session', async () => {
    const client = await front.session();
    client.send(Buffer.concat([frame('D', Buffer.from('X\0')), serialize.sync()]));
    const messages = await client.until();
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    expect(messages[0].code).toBe('08P01');
    expect(names(await client.query("SELECT 'ok' AS ok")).at(-1)).toBe('readyForQuery');
  });
});

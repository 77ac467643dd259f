// Bad input on one connection: malformed startup packets, truncated and oversized messages, invalid
// UTF-8, a failing statement mid-session, a client gone mid-query. Each gets a clear error on its own
// connection; a session of another client, open all along, keeps working; the store is untouched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docsModel } from '../helpers/model.ts';
import { frame, names, rowsOf, serialize, startFront, type Front, type WireClient } from './wire.ts';

let front: Front;
let bystander: WireClient;
let before: Record<string, unknown>;

beforeAll(async () => {
  front = await startFront({ model: docsModel() });
});
afterAll(() => front.close());

beforeEach(async () => {
  front.engine.reset();
  bystander = await front.session();
  // Reads generate rows lazily: read first, so that the snapshot is the state to keep.
  await bystander.query('SELECT id FROM confluent.iam.invitations');
  before = front.engine.snapshot();
});

/** The bystander still gets answers and nothing stored changed. */
async function othersUnaffected(): Promise<void> {
  const messages = await bystander.query('SELECT id FROM confluent.iam.invitations');
  expect(rowsOf(messages)).toHaveLength(3);
  expect(front.engine.snapshot()).toEqual(before);
}

function startupPacket(length: number, code: number, body = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32BE(length);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, body]);
}

describe('malformed startup packets', () => {
  it.each([
    ['a length below 8', startupPacket(4, 196608)],
    ['a length above 10000', startupPacket(20_000, 196608)],
  ])('%s: FATAL 08P01 and closed', async (_, packet) => {
    const client = await front.connect();
    client.send(packet);
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code]).toEqual(['FATAL', '08P01']);
    expect(fatal.message).toMatch(/^invalid startup packet: length/);
    await othersUnaffected();
  });

  it('parameters without their terminating zero: FATAL 08P01', async () => {
    const client = await front.connect();
    const body = Buffer.from('user\0alice');
    client.send(startupPacket(8 + body.length, 196608, body));
    const [fatal] = await client.untilClosed();
    expect([fatal.code, fatal.message]).toEqual(['08P01', 'invalid startup packet: invalid string in startup packet: no terminating zero byte']);
    await othersUnaffected();
  });

  it('a user name that is not UTF-8: FATAL 22021', async () => {
    const client = await front.connect();
    const body = Buffer.concat([Buffer.from('user\0'), Buffer.from([0xc3, 0x28]), Buffer.from('\0\0')]);
    client.send(startupPacket(8 + body.length, 196608, body));
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code]).toEqual(['FATAL', '22021']);
    await othersUnaffected();
  });

  it('a second SSLRequest: FATAL', async () => {
    const client = await front.connect();
    client.send(serialize.requestSsl());
    expect(await client.byte()).toBe('N');
    client.send(serialize.requestSsl());
    const [fatal] = await client.untilClosed();
    expect(fatal.message).toBe('invalid startup packet: a second or malformed SSLRequest');
    await othersUnaffected();
  });
});

describe('messages after startup', () => {
  it('a message length below 4: FATAL 08P01 and closed', async () => {
    const client = await front.session();
    const bad = Buffer.from([0x51, 0, 0, 0, 2]);
    client.send(bad);
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code, fatal.message]).toEqual(['FATAL', '08P01', "invalid message length 2 for message type 'Q'"]);
    await othersUnaffected();
  });

  it('a truncated message, then the client stops sending: FATAL 08P01 naming it', async () => {
    const client = await front.session();
    const whole = serialize.query("DELETE FROM confluent.iam.invitations WHERE id = 'x'");
    client.send(whole.subarray(0, whole.length - 10));
    client.socket.end();
    const [fatal] = await client.untilClosed();
    expect([fatal.severity, fatal.code]).toEqual(['FATAL', '08P01']);
    expect(fatal.message).toMatch(/^the connection ended inside a message/);
    await othersUnaffected();
  });

  it('a Query without its terminating zero: ERROR 08P01, the session goes on', async () => {
    const client = await front.session();
    client.send(frame('Q', "SELECT id FROM confluent.iam.invitations"));
    const messages = await client.until();
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    expect([messages[0].severity, messages[0].code]).toEqual(['ERROR', '08P01']);
    expect(rowsOf(await client.query("SELECT 'ok' AS still"))).toEqual([{ still: 'ok' }]);
    await othersUnaffected();
  });

  it('invalid UTF-8 in a query: ERROR 22021, the session goes on', async () => {
    const client = await front.session();
    client.send(frame('Q', Buffer.concat([Buffer.from("DELETE FROM confluent.iam.invitations WHERE id = '"), Buffer.from([0xff, 0xfe]), Buffer.from("'\0")])));
    const messages = await client.until();
    expect([messages[0].severity, messages[0].code, messages[0].message]).toEqual(['ERROR', '22021', 'invalid byte sequence for encoding "UTF8" in Query message']);
    expect(rowsOf(await client.query("SELECT 'ok' AS still"))).toEqual([{ still: 'ok' }]);
    await othersUnaffected();
  });

  it('a message over 16 MiB: read and dropped (never buffered), ERROR 54000, the session goes on', async () => {
    const client = await front.session();
    const size = 16 * 1024 * 1024 + 1;
    const header = Buffer.alloc(5);
    header.write('Q');
    header.writeInt32BE(size + 4, 1);
    client.send(header);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent < size; sent += chunk.length) client.send(chunk.subarray(0, Math.min(chunk.length, size - sent)));
    const messages = await client.until(undefined, 20_000);
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    expect([messages[0].severity, messages[0].code]).toEqual(['ERROR', '54000']);
    expect(messages[0].message).toMatch(/more than the 16777216-byte limit/);
    expect(rowsOf(await client.query("SELECT 'ok' AS still"))).toEqual([{ still: 'ok' }]);
    await othersUnaffected();
  });

  it('a statement over maxStatementBytes: ERROR naming the limit and its size, the session goes on', async () => {
    const client = await front.session();
    const statement = `SELECT id FROM confluent.iam.invitations WHERE id = '${'x'.repeat(300 * 1024)}'`;
    const messages = await client.query(statement);
    expect(names(messages)).toEqual(['error', 'readyForQuery']);
    expect([messages[0].severity, messages[0].code, messages[0].message]).toEqual([
      'ERROR',
      'XXUUU',
      `query returns error: the statement is ${statement.length} bytes, more than the mock's limit of 262144 bytes (maxStatementBytes): it was not parsed`,
    ]);
    expect(rowsOf(await client.query('SELECT id FROM confluent.iam.invitations'))).toHaveLength(3);
    await othersUnaffected();
  });

  it('a failing statement mid-session: the error, then the same session and every other one go on', async () => {
    const client = await front.session();
    expect(rowsOf(await client.query('SELECT id FROM confluent.iam.invitations'))).toHaveLength(3);
    const failed = await client.query("UPDATE confluent.iam.invitations SET email = 'x' WHERE nope = 'y'");
    expect(failed[0].code).toBe('XXUUU');
    expect(rowsOf(await client.query('SELECT id FROM confluent.iam.invitations'))).toHaveLength(3);
    await othersUnaffected();
  });

  it('a client that disconnects mid-query leaves the server serving the others', async () => {
    front.engine.override('confluent.iam.invitations', { latencyMs: 200 });
    const open = front.server.connections;
    const client = await front.session();
    client.send(serialize.query('SELECT id FROM confluent.iam.invitations'));
    await new Promise((r) => setTimeout(r, 20));
    client.close();
    await client.closed;
    expect(rowsOf(await bystander.query("SELECT 'ok' AS still"))).toEqual([{ still: 'ok' }]);
    await new Promise((r) => setTimeout(r, 250));
    front.engine.override('confluent.iam.invitations', undefined);
    await othersUnaffected();
    expect(front.server.connections).toBe(open);
  });
});

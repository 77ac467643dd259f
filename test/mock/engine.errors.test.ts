// Every error class answers its exact message, and leaves the store as it was; strict mode and the
// HTTP body checks answer like the real middleware.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';


/** The runtime's own JSON.parse message (its wording differs between Node versions). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
}

const model = docsModel();
let engine: MockEngine;

beforeEach(async () => {
  engine = createMockEngine({ model });
  // Some state to keep: generated scopes, an insert, an exec call.
  for (const query of [
    'SELECT id FROM confluent.iam.invitations',
    "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'",
    "INSERT INTO confluent.iam.invitations (data__email) SELECT 'kept@example.com'",
    "EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'i1'",
  ]) {
    expect((await engine.query({ query })).status).toBe(200);
  }
});

const cases: Array<[string, string, string]> = [
  ['a statement that does not parse', 'SELECT id FORM confluent.iam.invitations', "syntax error at line 1, column 16: expected FROM but found 'confluent'"],
  ['a statement that does not parse, on a later line', "SELECT id\nFROM confluent.iam.invitations\nWHERE id = 'x", 'syntax error at line 3, column 12: unterminated string literal'],
  ['two statements', 'SELECT id FROM confluent.iam.invitations; DELETE FROM confluent.iam.invitations', "syntax error at line 1, column 43: expected end of statement but found 'DELETE'"],
  // Was read as `LIMIT 1` with the alias `2fa`... of nothing: 12fa split into two tokens.
  [
    'a number running into letters',
    'SELECT id FROM confluent.iam.invitations LIMIT 12fa',
    "syntax error at line 1, column 48: malformed number '12fa': a number cannot run into letters (quote a name that starts with digits)",
  ],
  ['an unknown provider', 'SELECT * FROM nope.iam.invitations', "unknown provider 'nope'"],
  ['an unknown service', 'SELECT * FROM confluent.nope.invitations', "unknown service 'nope' in provider 'confluent'"],
  ['an unknown resource', 'SELECT * FROM confluent.iam.nope', "unknown resource 'confluent.iam.nope': service 'confluent.iam' has no such resource"],
  ['a name with too few parts', 'SELECT * FROM invitations', "'invitations' is not a resource name: write provider.service.resource"],
  [
    'an unknown method',
    "EXEC google.cloudidentity.userinvitations.resend @customersId = 'C01'",
    "resource 'google.cloudidentity.userinvitations' has no method 'resend'; its methods: get, list, send, cancel, is_invitable_user",
  ],
  ['a verb the resource has no method for', "INSERT INTO google.cloudidentity.userinvitations (customersId) SELECT 'C01'", "resource 'google.cloudidentity.userinvitations' has no INSERT method"],
  [
    'a SELECT missing a required param',
    'SELECT name FROM google.cloudidentity.userinvitations',
    'missing required parameter customersId for SELECT on google.cloudidentity.userinvitations; candidate methods: get (requires customersId, userinvitationsId); list (requires customersId)',
  ],
  [
    'a SELECT missing several required params',
    "SELECT id FROM example.network.firewalls WHERE subscriptionId = 's'",
    'missing required parameter resourceGroupName for SELECT on example.network.firewalls; candidate methods: get (requires firewallName, resourceGroupName, subscriptionId); list (requires resourceGroupName, subscriptionId)',
  ],
  [
    'a DELETE missing its key',
    'DELETE FROM confluent.iam.invitations',
    'missing required parameter id for DELETE on confluent.iam.invitations; candidate methods: delete_iam_v2invitation (requires id)',
  ],
  [
    'an INSERT missing required columns',
    "INSERT INTO example.network.firewalls (firewallName, resourceGroupName) SELECT 'f', 'rg'",
    'missing required parameters subscriptionId, data__location for INSERT on example.network.firewalls; candidate methods: create_or_update (requires firewallName, resourceGroupName, subscriptionId, data__location)',
  ],
  [
    'an EXEC missing a required arg',
    "EXEC google.cloudidentity.userinvitations.cancel @userinvitationsId = 'i1'",
    'missing required parameter customersId for EXEC on google.cloudidentity.userinvitations.cancel; candidate methods: cancel (requires customersId, userinvitationsId)',
  ],
  ['an unknown column in the select list', "SELECT name, colour FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'", "unknown column 'colour' in google.cloudidentity.userinvitations"],
  ['an unknown column in WHERE', "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' AND colour = 'red'", "unknown column 'colour' in google.cloudidentity.userinvitations"],
  ['an unknown column in ORDER BY', "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' ORDER BY colour", "unknown column 'colour' in google.cloudidentity.userinvitations"],
  ['an unknown qualified column', 'SELECT i.colour FROM confluent.iam.invitations i', "unknown column 'i.colour' in confluent.iam.invitations"],
  ['an unknown INSERT column', "INSERT INTO confluent.iam.invitations (colour) SELECT 'red'", "unknown column 'colour' in confluent.iam.invitations"],
  ['an unknown body column', "INSERT INTO confluent.iam.invitations (data__email, data__nonsense) SELECT 'a@example.com', 'x'", "unknown column 'data__nonsense' in confluent.iam.invitations"],
  ['an unknown body column in UPDATE', "UPDATE example.storage.buckets SET data__nonsense = 'x' WHERE project = 'p' AND bucket = 'b'", "unknown column 'data__nonsense' in example.storage.buckets"],
  ['an unknown column in a mutation WHERE', "DELETE FROM confluent.iam.invitations WHERE id = 'x' AND colour = 'red'", "unknown column 'colour' in confluent.iam.invitations"],
  ['a mutation WHERE that is not equalities', "DELETE FROM confluent.iam.invitations WHERE id LIKE 'x%'", "DELETE matches rows by parameter and column equalities only (name = 'value' AND ...)"],
  ['@@json that is not JSON', "EXEC example.storage.buckets.lock_retention @project = 'p', @bucket = 'b', @ifMetagenerationMatch = '1'\n@@json = '{oops}'", `@@json is not valid JSON: ${jsonError('{oops}')}`],
  ['a value that reads a column', 'INSERT INTO confluent.iam.invitations (data__email) SELECT email', "the value for 'data__email' must be a constant: it cannot read columns"],
  ['a function SQLite does not know', 'SELECT nofn(id) FROM confluent.iam.invitations', 'cannot evaluate the statement: no such function: nofn'],
  ['a joined resource', 'SELECT a.id FROM confluent.iam.invitations a JOIN confluent.iam.invitations b ON a.id = b.id', 'joining resources is not supported by the mock'],
  ['an empty query', '  -- nothing\n', 'the query is empty: it holds no statement'],
];

describe('error answers: 400 with the exact message, store unchanged', () => {
  it.each(cases)('%s', async (_, query, message) => {
    const before = engine.snapshot();
    const log = engine.execLog();
    const r = await engine.query({ query });
    expect(r).toEqual({ status: 400, body: { error: message } });
    expect(engine.snapshot()).toEqual(before);
    expect(engine.execLog()).toEqual(log);
  });

  it('a SELECT that fails in SQLite after filling a new scope leaves no generated rows behind', async () => {
    const before = engine.snapshot();
    const r = await engine.query({ query: "SELECT nofn(name) FROM google.cloudidentity.userinvitations WHERE customersId = 'NEW'" });
    expect(r.status).toBe(400);
    expect(engine.snapshot()).toEqual(before);
    expect(Object.keys(before['google.cloudidentity.userinvitations'] as object)).toEqual(['customersId=C01']);
  });

  it('an INSERT whose RETURNING fails in SQLite stores nothing', async () => {
    const before = engine.snapshot();
    const r = await engine.query({ query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'gone@example.com' RETURNING nofn(id)" });
    expect(r).toEqual({ status: 400, body: { error: 'cannot evaluate the statement: no such function: nofn' } });
    expect(engine.snapshot()).toEqual(before);
  });

  it('a DELETE whose RETURNING fails in SQLite removes nothing, and the rows keep their order', async () => {
    const before = engine.snapshot();
    const [first] = (before['confluent.iam.invitations'] as Record<string, Array<{ id: string }>>)['*'];
    const r = await engine.query({ query: `DELETE FROM confluent.iam.invitations WHERE id = '${first.id}' RETURNING nofn(id)` });
    expect(r).toEqual({ status: 400, body: { error: 'cannot evaluate the statement: no such function: nofn' } });
    expect(engine.snapshot()).toEqual(before);
  });

  it('a fault override answers its status and message, a latency override delays, and both clear', async () => {
    engine.override('confluent.iam.invitations', { fault: { status: 503, message: 'try later' } });
    const before = engine.snapshot();
    expect(await engine.query({ query: "DELETE FROM confluent.iam.invitations WHERE id = 'x'" })).toEqual({ status: 503, body: { error: 'try later' } });
    expect(engine.snapshot()).toEqual(before);
    expect((await engine.query({ query: "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'" })).status).toBe(200);
    engine.override('confluent.iam.invitations', undefined);
    expect((await engine.query({ query: 'SELECT id FROM confluent.iam.invitations' })).status).toBe(200);

    expect(await engine.handle('POST', '/__mock/override', JSON.stringify({ resource: 'confluent.iam.invitations', latencyMs: 60 }))).toMatchObject({ status: 200 });
    const started = performance.now();
    expect((await engine.query({ query: 'SELECT id FROM confluent.iam.invitations' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(await engine.handle('DELETE', '/__mock/override?resource=confluent.iam.invitations')).toEqual({ status: 200, body: { ok: true, resource: 'confluent.iam.invitations' } });
    expect(await engine.handle('POST', '/__mock/override', JSON.stringify({ resource: 'a.b.c' }))).toEqual({ status: 400, body: { error: "invalid override: unknown resource 'a.b.c'" } });
    expect(await engine.handle('POST', '/__mock/override', JSON.stringify({ resource: 'confluent.iam.invitations', fault: { status: 42 } }))).toEqual({
      status: 400,
      body: { error: 'invalid override: "fault" must be {status: 400-599, message: string}: an error status, which carries the {"error": message} body' },
    });
  });
});

describe('strict mode: like the real middleware', () => {
  const strict = () => createMockEngine({ model, strict: true });

  it.each([
    ["INSERT INTO confluent.iam.invitations (data__email) SELECT 'a@example.com'", 'INSERT'],
    ["/*+ create */ INSERT INTO confluent.iam.invitations (data__email) SELECT 'a@example.com'", 'INSERT'],
    ["UPDATE example.storage.buckets SET data__storageClass = 'STANDARD' WHERE project = 'p' AND bucket = 'b'", 'UPDATE'],
    ["REPLACE example.storage.buckets SET data__storageClass = 'STANDARD' WHERE project = 'p' AND bucket = 'b'", 'REPLACE'],
    ["-- remove it\nDELETE FROM confluent.iam.invitations WHERE id = 'x'", 'DELETE'],
    ["EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'i1'", 'EXEC'],
  ])('%s → 405', async (query, verb) => {
    const engine = strict();
    const r = await engine.query({ query });
    expect(r).toEqual({
      status: 405,
      body: { error: `${verb} statements are not allowed: only SELECT, SHOW, DESCRIBE and REGISTRY are accepted (strict mode, like the StackQL middleware)` },
    });
    expect(engine.snapshot()).toEqual({});
    expect(engine.execLog()).toEqual([]);
  });

  it('still answers SELECT, SHOW, DESCRIBE and REGISTRY', async () => {
    const engine = strict();
    for (const query of ['SELECT id FROM confluent.iam.invitations', 'SHOW PROVIDERS', 'DESCRIBE confluent.iam.invitations', 'REGISTRY LIST']) {
      expect((await engine.query({ query })).status).toBe(200);
    }
  });
});

describe('the request body', () => {
  it('not JSON → 400', async () => {
    expect(await engine.handle('POST', '/stackql', '{"query": ')).toEqual({ status: 400, body: { error: `request body is not valid JSON: ${jsonError('{"query": ')}` } });
  });

  it('missing body, missing query, wrong types → 400', async () => {
    expect(await engine.handle('POST', '/stackql')).toEqual({ status: 400, body: { error: 'request body is missing: POST /stackql needs {"query": "..."}' } });
    // Blank is what String.prototype.trim removes, Unicode spaces and the BOM included; anything else is a body.
    const missing = { status: 400, body: { error: 'request body is missing: POST /stackql needs {"query": "..."}' } };
    expect(await engine.handle('POST', '/stackql', ' \t\r\n\u00a0\u2028\u3000\ufeff')).toEqual(missing);
    expect(await engine.handle('POST', '/stackql', '\u200b')).not.toEqual(missing);
    expect(await engine.handle('POST', '/stackql', '{}')).toEqual({ status: 400, body: { error: 'request body has no "query" string' } });
    expect(await engine.handle('POST', '/stackql', '[1]')).toEqual({ status: 400, body: { error: 'request body must be a JSON object: {"query": "...", "params": {...}}' } });
    expect(await engine.handle('POST', '/stackql', '{"query": "SHOW PROVIDERS", "params": [1]}')).toEqual({
      status: 400,
      body: { error: '"params" must be an object mapping names to string values' },
    });
    expect(await engine.handle('POST', '/stackql', '{"query": "SHOW PROVIDERS", "showMetadata": "no"}')).toEqual({ status: 400, body: { error: '"showMetadata" must be a boolean' } });
    expect(await engine.query({} as never)).toEqual({ status: 400, body: { error: 'request body has no "query" string' } });
  });

  it('larger than maxBodyBytes → 413, counted in bytes', async () => {
    const small = createMockEngine({ model, maxBodyBytes: 100 });
    const query = `SELECT id FROM confluent.iam.invitations WHERE id = '${'x'.repeat(100)}'`;
    expect(await small.handle('POST', '/stackql', JSON.stringify({ query }))).toEqual({ status: 413, body: { error: 'request body is larger than 100 bytes' } });
    // 40 characters, 120 bytes.
    expect(await small.handle('POST', '/stackql', JSON.stringify({ query: '€'.repeat(40) }))).toMatchObject({ status: 413 });
    expect(await small.handle('POST', '/stackql', JSON.stringify({ query: 'SHOW PROVIDERS' }))).toMatchObject({ status: 200 });
  });

  it('the default limit is 1 MiB', async () => {
    const body = JSON.stringify({ query: `SELECT id FROM confluent.iam.invitations WHERE id = '${'x'.repeat(1024 * 1024)}'` });
    expect(await engine.handle('POST', '/stackql', body)).toEqual({ status: 413, body: { error: 'request body is larger than 1048576 bytes' } });
  });
});

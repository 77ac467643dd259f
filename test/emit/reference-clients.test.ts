// The generated clients of the two reference pages, imported and called like a user would, with a
// transport that records the statements. Every method's statement is compared with text written by
// hand from the docs' own examples (column naming, parameter placement, hint) in the runtime's
// formatting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { emitClients } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { REFERENCE_PAGES, modelOf, removeDir, scratchDir, writeFiles } from './helpers.ts';

interface Recorded {
  query: string;
  signal?: AbortSignal;
}

// The generated modules are imported at run time from a scratch folder, so they are typed loosely
// here; their static types are checked by typecheck.test.ts.
let dir: string;
let index: any;
let client: any;
const queries: Recorded[] = [];
const rows = [{ name: 'row-1' }];

beforeAll(async () => {
  dir = scratchDir('reference');
  writeFiles(dir, [...emitClients(modelOf(REFERENCE_PAGES)), ...runtimeFiles(['client'])]);
  index = await import(pathToFileURL(join(dir, 'clients', 'index.ts')).href);
  client = index.createStackQLClient({
    transport: {
      async execute(query: string, options?: { signal?: AbortSignal }) {
        queries.push(options?.signal ? { query, signal: options.signal } : { query });
        return { data: rows };
      },
    },
  });
});

afterAll(() => removeDir(dir));

async function sent(call: () => Promise<unknown>): Promise<string> {
  queries.length = 0;
  const result = await call();
  expect(result).toEqual(rows);
  expect(queries).toHaveLength(1);
  return queries[0].query;
}

describe('google.cloudidentity.userinvitations', () => {
  const ui = () => client.google.cloudidentity.userinvitations;

  it('get: the example\'s four columns, both required parameters in WHERE', async () => {
    expect(await sent(() => ui().get({ customersId: 'c1', userinvitationsId: 'u1' }))).toBe(
      'SELECT name, mailsSentCount, state, updateTime\n' +
        'FROM google.cloudidentity.userinvitations\n' +
        "WHERE customersId = 'c1'\n" +
        "AND userinvitationsId = 'u1';",
    );
  });

  it('list: the list tab\'s columns; optional parameters only when given, in the example\'s order', async () => {
    expect(await sent(() => ui().list({ customersId: 'c1' }))).toBe(
      "SELECT nextPageToken, userInvitations\nFROM google.cloudidentity.userinvitations\nWHERE customersId = 'c1';",
    );
    expect(await sent(() => ui().list({ orderBy: 'name', customersId: 'c1', pageSize: 10, filter: "state='X'" }))).toBe(
      'SELECT nextPageToken, userInvitations\n' +
        'FROM google.cloudidentity.userinvitations\n' +
        "WHERE customersId = 'c1'\n" +
        'AND pageSize = 10\n' +
        "AND filter = 'state=''X'''\n" +
        "AND orderBy = 'name';",
    );
  });

  it('list: the caller picks the columns', async () => {
    expect(await sent(() => ui().list({ customersId: 'c1' }, { columns: ['userInvitations'] }))).toBe(
      "SELECT userInvitations\nFROM google.cloudidentity.userinvitations\nWHERE customersId = 'c1';",
    );
  });

  for (const method of ['send', 'cancel', 'is_invitable_user']) {
    it(`${method}: EXEC with @customersId and @userinvitationsId`, async () => {
      expect(await sent(() => ui()[method]({ customersId: 'c1', userinvitationsId: 'u1' }))).toBe(
        `EXEC google.cloudidentity.userinvitations.${method}\n@customersId = 'c1',\n@userinvitationsId = 'u1';`,
      );
    });
  }
});

describe('confluent.iam.invitations', () => {
  const inv = () => client.confluent.iam.invitations;
  const columns = 'id, accepted_at, api_version, auth_type, creator, email, expires_at, kind, metadata, "status", user';

  it('get_iam_v2invitation (no example): every field, id in WHERE', async () => {
    expect(await sent(() => inv().get_iam_v2invitation({ id: 'inv-1' }))).toBe(
      `SELECT ${columns}\nFROM confluent.iam.invitations\nWHERE id = 'inv-1';`,
    );
  });

  it('list_iam_v2invitations: the example\'s columns and no WHERE; the arguments may be left out', async () => {
    expect(await sent(() => inv().list_iam_v2invitations())).toBe(`SELECT ${columns}\nFROM confluent.iam.invitations;`);
  });

  it('create_iam_v2invitation: the /*+ create */ hint and the data__email column, as in the example', async () => {
    expect(await sent(() => inv().create_iam_v2invitation({ email: 'a@example.com' }))).toBe(
      "/*+ create */\nINSERT INTO confluent.iam.invitations (\ndata__email\n)\nSELECT\n'a@example.com';",
    );
  });

  it('delete_iam_v2invitation: the /*+ delete */ hint, id in WHERE', async () => {
    expect(await sent(() => inv().delete_iam_v2invitation({ id: 'inv-1' }))).toBe(
      "/*+ delete */\nDELETE FROM confluent.iam.invitations\nWHERE id = 'inv-1';",
    );
  });
});

describe('the ways in', () => {
  it('query(id, method, args, options) sends what the namespace method sends', async () => {
    const viaNamespace = await sent(() => client.google.cloudidentity.userinvitations.get({ customersId: 'c1', userinvitationsId: 'u1' }));
    const viaQuery = await sent(() => client.query('google.cloudidentity.userinvitations', 'get', { customersId: 'c1', userinvitationsId: 'u1' }));
    const viaResource = await sent(() => client.resource('google.cloudidentity.userinvitations').get({ customersId: 'c1', userinvitationsId: 'u1' }));
    expect(viaQuery).toBe(viaNamespace);
    expect(viaResource).toBe(viaNamespace);
    expect(await client.render('google.cloudidentity.userinvitations', 'get', { customersId: 'c1', userinvitationsId: 'u1' })).toBe(viaNamespace);
  });

  it('a resource module works on its own with bindResource and the plain client', async () => {
    const mod = await import(pathToFileURL(join(dir, 'clients', 'confluent', 'iam', 'invitations.js')).href);
    const transport = { execute: async (query: string) => (queries.push({ query }), { data: rows }) };
    const invitations = index.bindResource(index.createClient({ transport }), mod.resource);
    expect(Object.keys(invitations)).toEqual(['get_iam_v2invitation', 'list_iam_v2invitations', 'create_iam_v2invitation', 'delete_iam_v2invitation']);
    expect(await sent(() => invitations.delete_iam_v2invitation({ id: 'x' }))).toBe("/*+ delete */\nDELETE FROM confluent.iam.invitations\nWHERE id = 'x';");
    expect(index.renderMethod(mod.resource, 'create_iam_v2invitation', { email: 'e' })).toContain("INSERT INTO confluent.iam.invitations (\ndata__email\n)");
  });

  it('passes the caller\'s AbortSignal to the transport', async () => {
    const signal = new AbortController().signal;
    queries.length = 0;
    await client.confluent.iam.invitations.get_iam_v2invitation({ id: 'x' }, { signal });
    expect(queries[0].signal).toBe(signal);
  });

  it('lists the resources and the namespaces', () => {
    expect(client.resourceIds).toEqual(['confluent.iam.invitations', 'google.cloudidentity.userinvitations']);
    expect(Object.keys(client.google)).toEqual(['cloudidentity']);
    expect(Object.keys(client.google.cloudidentity)).toEqual(['userinvitations']);
  });
});

describe('nothing is sent when the call is wrong', () => {
  async function refused(call: () => Promise<unknown>, message: RegExp): Promise<void> {
    queries.length = 0;
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(index.StackQLRenderError);
    expect((error as Error).message).toMatch(message);
    expect(queries).toEqual([]);
  }

  it('a missing required argument', async () => {
    await refused(() => client.google.cloudidentity.userinvitations.get({ customersId: 'c1' }), /get needs the argument "userinvitationsId"/);
    await refused(() => client.google.cloudidentity.userinvitations.send(), /send needs the argument "customersId"/);
  });

  it('an argument the method does not take', async () => {
    await refused(() => client.confluent.iam.invitations.get_iam_v2invitation({ id: 'x', idd: 'y' }), /takes no argument "idd" \(it takes: "id"\)/);
  });

  it('an unknown method or resource', async () => {
    await refused(() => client.confluent.iam.invitations.nope({}), /confluent\.iam\.invitations has no method "nope"/);
    await refused(() => client.query('confluent.iam.nope', 'get', {}), /unknown resource "confluent\.iam\.nope"/);
    expect(() => client.resource('x.y.z')).toThrow(index.StackQLRenderError);
  });

  it('columns on a method that is not a SELECT', async () => {
    await refused(() => client.confluent.iam.invitations.delete_iam_v2invitation({ id: 'x' }, { columns: ['id'] }), /only SELECT methods take columns/);
  });

  it('a value that cannot be written safely', async () => {
    await refused(() => client.confluent.iam.invitations.create_iam_v2invitation({ email: 'a\u0000b' }), /NUL/);
  });
});

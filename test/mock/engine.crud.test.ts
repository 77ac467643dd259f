// Round trips through the engine on the docs/ pages: create → get → list → delete → get for the
// confluent invitations, EXEC on the google user invitations, SHOW / DESCRIBE and the meta routes.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockEngine, EXEC_MESSAGE, MOCK_VERSION, type MockEngine, type Row } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';


const model = docsModel();
let engine: MockEngine;
beforeEach(() => {
  engine = createMockEngine({ model, seed: 7 });
});

async function rows(query: string, params?: Record<string, string>): Promise<Row[]> {
  const r = await engine.query({ query, params });
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { data: Row[] }).data;
}

describe('confluent.iam.invitations: key id, global scope', () => {
  it('round-trips insert → get by id → list contains it → delete → get finds nothing', async () => {
    const created = await rows("INSERT INTO confluent.iam.invitations (data__email) SELECT 'ada@example.com' RETURNING id, email");
    expect(created).toHaveLength(1);
    const { id, email } = created[0];
    expect(email).toBe('ada@example.com');
    expect(id).toMatch(/^inv-[a-z0-9]{10}$/);

    expect(await rows("SELECT id, email FROM confluent.iam.invitations WHERE id = '$id'", { id: String(id) })).toEqual([{ id, email: 'ada@example.com' }]);

    const listed = await rows('SELECT id, email FROM confluent.iam.invitations');
    // The three generated rows of the scope, plus the one inserted.
    expect(listed).toHaveLength(4);
    expect(listed).toContainEqual({ id, email: 'ada@example.com' });

    const deleted = await engine.query({ query: `DELETE FROM confluent.iam.invitations WHERE id = '${id}'` });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ data: [], metadata: { result: { rowCount: 0, affectedRows: 1 } } });

    expect(await rows(`SELECT id, email FROM confluent.iam.invitations WHERE id = '${id}'`)).toEqual([]);
    expect(await rows('SELECT id FROM confluent.iam.invitations')).toHaveLength(3);
  });

  it('keeps an id the INSERT gives, and refuses a second row with that id', async () => {
    await rows("INSERT INTO confluent.iam.invitations (data__id, data__email) VALUES ('inv-mine', 'x@example.com')");
    expect(await rows("SELECT email, status FROM confluent.iam.invitations WHERE id = 'inv-mine'")).toEqual([
      { email: 'x@example.com', status: expect.any(String) },
    ]);
    const again = await engine.query({ query: "INSERT INTO confluent.iam.invitations (data__id) VALUES ('inv-mine')" });
    expect(again).toMatchObject({ status: 400, body: { error: 'confluent.iam.invitations already has a row with identity ["inv-mine"]' } });
  });

  it('fills the fields the INSERT does not give with plausible values, and parses JSON objects', async () => {
    const [row] = await rows(
      `INSERT INTO confluent.iam.invitations (data__email, data__user) SELECT 'b@example.com', '{"id": "u-123"}' RETURNING *`,
    );
    expect(row.user).toEqual({ id: 'u-123' });
    expect(row.email).toBe('b@example.com');
    expect(row.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row.creator).toEqual({ id: expect.any(String) });
    expect(Object.keys(row)).toEqual(['id', 'accepted_at', 'api_version', 'auth_type', 'creator', 'email', 'expires_at', 'kind', 'metadata', 'status', 'user']);
  });
});

describe('google.cloudidentity.userinvitations: key userinvitationsId within customersId', () => {
  it('lists per customer: rows differ by scope and the param is a column', async () => {
    const a = await rows("SELECT name, state, customersId FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'");
    const b = await rows("SELECT name, state, customersId FROM google.cloudidentity.userinvitations WHERE customersId = 'C02'");
    expect(a).toHaveLength(3);
    expect(a.every((r) => r.customersId === 'C01')).toBe(true);
    expect(b.map((r) => r.name)).not.toEqual(a.map((r) => r.name));
  });

  it('gets a listed row by its name (the key field), and nothing in another scope', async () => {
    const [first] = await rows("SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'");
    const got = await rows(`SELECT name, mailsSentCount, updateTime FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' AND userinvitationsId = '${first.name}'`);
    expect(got).toEqual([{ name: first.name, mailsSentCount: expect.stringMatching(/^\d+$/), updateTime: expect.stringMatching(/Z$/) }]);
    expect(await rows(`SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C02' AND userinvitationsId = '${first.name}'`)).toEqual([]);
  });

  it('SELECT * gives the columns of the method tab, then the params', async () => {
    const [listRow] = await rows("SELECT * FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'");
    expect(Object.keys(listRow)).toEqual(['nextPageToken', 'userInvitations', 'customersId']);
    const [getRow] = await rows("SELECT * FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' AND userinvitationsId = 'nobody'").then(async (r) =>
      r.length ? r : rows(`SELECT * FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' AND userinvitationsId = '${(await rows("SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'"))[0].name}'`),
    );
    expect(Object.keys(getRow)).toEqual(['name', 'mailsSentCount', 'state', 'updateTime', 'customersId', 'userinvitationsId']);
  });

  it('EXEC send and cancel record their args; the answer is the despatched message', async () => {
    const send = await engine.query({ query: "EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'inv-1'" });
    expect(send).toMatchObject({ status: 200, body: { data: [{ message: EXEC_MESSAGE }] } });
    expect(EXEC_MESSAGE).toBe('The operation was despatched successfully');
    await rows("EXEC /*+ AWAIT */ google.cloudidentity.userinvitations.cancel\n@customersId = 'C01',\n@userinvitationsId = 'inv-2'");
    expect(engine.execLog()).toEqual([
      { resource: 'google.cloudidentity.userinvitations', method: 'send', args: { customersId: 'C01', userinvitationsId: 'inv-1' } },
      { resource: 'google.cloudidentity.userinvitations', method: 'cancel', args: { customersId: 'C01', userinvitationsId: 'inv-2' } },
    ]);
    const log = await engine.handle('GET', '/__mock/exec-log');
    expect(log).toEqual({ status: 200, body: { data: engine.execLog() } });
  });

  it('EXEC without a required arg answers 400 naming it, and records nothing', async () => {
    const r = await engine.query({ query: "EXEC google.cloudidentity.userinvitations.send @customersId = 'C01'" });
    expect(r).toEqual({
      status: 400,
      body: {
        error:
          'missing required parameter userinvitationsId for EXEC on google.cloudidentity.userinvitations.send; candidate methods: send (requires customersId, userinvitationsId)',
      },
    });
    expect(engine.execLog()).toEqual([]);
  });

  it('EXEC records the @@json body, parsed', async () => {
    await rows(`EXEC example.storage.buckets.lock_retention @project = 'p', @bucket = 'b', @ifMetagenerationMatch = '3'
@@json = '{"retentionPeriod": "3600"}'`);
    expect(engine.execLog()).toEqual([
      { resource: 'example.storage.buckets', method: 'lock_retention', args: { project: 'p', bucket: 'b', ifMetagenerationMatch: '3' }, body: { retentionPeriod: '3600' } },
    ]);
  });
});

describe('other identities from the docs', () => {
  it('example.storage.buckets: the insert names the bucket, get finds it by bucket = name, update patches, replace puts', async () => {
    await rows("INSERT INTO example.storage.buckets (data__name, data__storageClass, project) SELECT 'logs', 'NEARLINE', 'p1'");
    expect(await rows("SELECT name, storageClass FROM example.storage.buckets WHERE project = 'p1' AND bucket = 'logs'")).toEqual([{ name: 'logs', storageClass: 'NEARLINE' }]);
    const patched = await rows("UPDATE example.storage.buckets SET data__storageClass = 'COLDLINE' WHERE project = 'p1' AND bucket = 'logs' RETURNING name, storageClass, sizeBytes");
    expect(patched).toEqual([{ name: 'logs', storageClass: 'COLDLINE', sizeBytes: expect.stringMatching(/^\d+$/) }]);
    const put = await rows("REPLACE example.storage.buckets SET data__storageClass = 'STANDARD' WHERE project = 'p1' AND bucket = 'logs' RETURNING name, storageClass, sizeBytes");
    expect(put).toEqual([{ name: 'logs', storageClass: 'STANDARD', sizeBytes: null }]);
    expect(await rows("SELECT name FROM example.storage.buckets WHERE project = 'p2' AND bucket = 'logs'")).toEqual([]);
  });

  it('example.compute.instances: data__CpuCount fills cpu_count, and the generated key lands in instance_id', async () => {
    const [row] = await rows("INSERT INTO example.compute.instances (CpuCount, region) SELECT '4', 'us-east-1' RETURNING instance_id, cpu_count, region");
    expect(row).toEqual({ instance_id: expect.stringMatching(/^ins-/), cpu_count: 4, region: 'us-east-1' });
    expect(await rows(`SELECT instance_id, cpu_count FROM example.compute.instances WHERE region = 'us-east-1' AND data__Identifier = '${row.instance_id}'`)).toEqual([
      { instance_id: row.instance_id, cpu_count: 4 },
    ]);
    // A JSON Patch document, as AWS Cloud Control takes it.
    await rows(`UPDATE example.compute.instances SET data__PatchDocument = '[{"op": "replace", "path": "/CpuCount", "value": 8}]' WHERE region = 'us-east-1' AND data__Identifier = '${row.instance_id}'`);
    expect(await rows(`SELECT cpu_count FROM example.compute.instances WHERE region = 'us-east-1' AND data__Identifier = '${row.instance_id}'`)).toEqual([{ cpu_count: 8 }]);
  });

  it('example.network.vw_firewalls: a view only an example names is queryable with the view tab columns', async () => {
    // The base resource's `*` is its own tab; the view shares its methods but not its columns.
    const base = await rows("SELECT * FROM example.network.firewalls WHERE resourceGroupName = 'rg' AND subscriptionId = 'sub'");
    expect(Object.keys(base[0])).toEqual(['id', 'properties', 'sku', 'resourceGroupName', 'subscriptionId']);
    const r = await rows("SELECT * FROM example.network.vw_firewalls WHERE resourceGroupName = 'rg' AND subscriptionId = 'sub'");
    expect(r).toHaveLength(3);
    expect(Object.keys(r[0])).toEqual(['name', 'rule_count', 'firewallName', 'resourceGroupName', 'subscriptionId']);
  });
});

describe('SHOW and DESCRIBE', () => {
  it('SHOW PROVIDERS / SERVICES / RESOURCES with LIKE', async () => {
    expect(await rows('SHOW PROVIDERS')).toEqual(
      ['confluent', 'example', 'google'].map((name) => ({ name, version: MOCK_VERSION })),
    );
    expect(await rows("SHOW SERVICES IN example LIKE 'c%'")).toEqual([{ id: `compute:${MOCK_VERSION}`, name: 'compute', title: 'compute' }]);
    expect(await rows('SHOW EXTENDED RESOURCES IN google.cloudidentity')).toEqual([
      { name: 'userinvitations', id: 'google.cloudidentity.userinvitations', description: expect.any(String) },
    ]);
    expect(await rows("SHOW RESOURCES IN example.network LIKE '%fire%'")).toEqual([
      { name: 'firewalls', id: 'example.network.firewalls' },
      { name: 'vw_firewalls', id: 'example.network.vw_firewalls' },
    ]);
  });

  it('SHOW METHODS: MethodName, RequiredParams, SQLVerb (+ description when EXTENDED)', async () => {
    expect(await rows('SHOW METHODS IN confluent.iam.invitations')).toEqual([
      { MethodName: 'get_iam_v2invitation', RequiredParams: 'id', SQLVerb: 'SELECT' },
      { MethodName: 'list_iam_v2invitations', RequiredParams: '', SQLVerb: 'SELECT' },
      { MethodName: 'create_iam_v2invitation', RequiredParams: '', SQLVerb: 'INSERT' },
      { MethodName: 'delete_iam_v2invitation', RequiredParams: 'id', SQLVerb: 'DELETE' },
    ]);
    const extended = await rows("SHOW EXTENDED METHODS IN google.cloudidentity.userinvitations LIKE 'send'");
    expect(extended).toEqual([{ MethodName: 'send', RequiredParams: 'customersId, userinvitationsId', SQLVerb: 'EXEC', description: expect.stringMatching(/^Sends a UserInvitation to email\./) }]);
  });

  it('DESCRIBE gives name and type, EXTENDED the description; DESCRIBE METHOD the inputs and outputs', async () => {
    expect(await rows('DESCRIBE google.cloudidentity.userinvitations')).toEqual([
      { name: 'name', type: 'string' },
      { name: 'mailsSentCount', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'updateTime', type: 'string' },
      { name: 'nextPageToken', type: 'string' },
      { name: 'userInvitations', type: 'array' },
    ]);
    const [first] = await rows('DESCRIBE EXTENDED example.storage.buckets');
    expect(first).toEqual({ name: 'name', type: 'string', description: expect.stringContaining("The bucket's name.") });
    const method = await rows('DESCRIBE METHOD example.storage.buckets.list');
    expect(method.map((r) => [r.name, r.param_type])).toEqual([
      ['project', 'input_required'], ['maxResults', 'input_optional'], ['prefix', 'input_optional'], ['name', 'output'], ['storageClass', 'output'],
    ]);
    expect(method.find((r) => r.name === 'maxResults')).toMatchObject({ type: 'integer', shape: '' });
  });

  it('the meta GET routes answer {data} with the SHOW / DESCRIBE rows', async () => {
    expect(await engine.handle('GET', '/providers')).toEqual({ status: 200, body: { data: await rows('SHOW PROVIDERS') } });
    expect(await engine.handle('GET', '/providers/example/services?name=st%25')).toEqual({
      status: 200,
      body: { data: [{ id: `storage:${MOCK_VERSION}`, name: 'storage', title: 'storage', description: '' }] },
    });
    expect(await engine.handle('GET', '/providers/google/services/cloudidentity/resources')).toEqual({
      status: 200,
      body: { data: await rows('SHOW EXTENDED RESOURCES IN google.cloudidentity') },
    });
    expect(await engine.handle('GET', '/providers/example/services/storage/resources/buckets')).toEqual({
      status: 200,
      body: { data: await rows('DESCRIBE EXTENDED example.storage.buckets') },
    });
    expect(await engine.handle('GET', '/providers/example/services/storage/resources/buckets/methods')).toEqual({
      status: 200,
      body: { data: await rows('SHOW EXTENDED METHODS IN example.storage.buckets') },
    });
    expect(await engine.handle('GET', '/health')).toEqual({ status: 200, body: { status: 'healthy' } });
    expect(await engine.handle('GET', '/nowhere')).toEqual({ status: 404, body: { error: 'no route for GET /nowhere' } });
    expect(await engine.handle('GET', '/stackql')).toEqual({ status: 405, body: { error: 'GET is not allowed on /stackql (allowed: POST)' } });
  });

  it('the meta routes answer 404 {error} for a provider, service or resource the model lacks; a statement naming one is 400', async () => {
    const unknownProvider = "unknown provider 'nope'";
    const unknownService = "unknown service 'nope' in provider 'example'";
    const unknownResource = "unknown resource 'example.storage.nope': service 'example.storage' has no such resource";
    expect(await engine.handle('GET', '/providers/nope/services')).toEqual({ status: 404, body: { error: unknownProvider } });
    expect(await engine.handle('GET', '/providers/nope/services/storage/resources')).toEqual({ status: 404, body: { error: unknownProvider } });
    expect(await engine.handle('GET', '/providers/example/services/nope/resources')).toEqual({ status: 404, body: { error: unknownService } });
    expect(await engine.handle('GET', '/providers/example/services/nope/resources/buckets')).toEqual({ status: 404, body: { error: unknownService } });
    expect(await engine.handle('GET', '/providers/example/services/storage/resources/nope')).toEqual({ status: 404, body: { error: unknownResource } });
    expect(await engine.handle('GET', '/providers/example/services/storage/resources/nope/methods')).toEqual({ status: 404, body: { error: unknownResource } });
    // The same names in statements stay 400, as the middleware answers a failing statement.
    const post = (query: string) => engine.handle('POST', '/stackql', JSON.stringify({ query }));
    expect(await post('SHOW SERVICES IN nope')).toEqual({ status: 400, body: { error: unknownProvider } });
    expect(await post('DESCRIBE example.storage.nope')).toEqual({ status: 400, body: { error: unknownResource } });
    expect(await post('SELECT * FROM example.nope.buckets')).toEqual({ status: 400, body: { error: unknownService } });
  });

  it('REGISTRY LIST answers from the model', async () => {
    expect(await rows('REGISTRY LIST')).toEqual(['confluent', 'example', 'google'].map((provider) => ({ provider, versions: MOCK_VERSION })));
  });
});

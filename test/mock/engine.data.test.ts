// Generated data: deterministic by seed, stable when the model grows, plausible by type, format,
// enum and name; fixtures, reset and snapshot.
import { describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine, type Row } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';


const model = docsModel();

async function rows(engine: MockEngine, query: string): Promise<Row[]> {
  const r = await engine.query({ query, showMetadata: false });
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { data: Row[] }).data;
}

const QUERIES = [
  'SELECT * FROM confluent.iam.invitations',
  "SELECT * FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'",
  "SELECT name, mailsSentCount, state, updateTime FROM google.cloudidentity.userinvitations WHERE customersId = 'C02'",
  "SELECT * FROM example.storage.buckets WHERE project = 'p1'",
  "SELECT * FROM example.compute.instances WHERE region = 'us-east-1'",
];

describe('determinism', () => {
  it('two engines with the same seed answer the same rows', async () => {
    const a = createMockEngine({ model, seed: 42 });
    const b = createMockEngine({ model, seed: 42 });
    for (const q of QUERIES) expect(await rows(b, q)).toEqual(await rows(a, q));
  });

  it('the same rows whatever order the scopes are first read in', async () => {
    const a = createMockEngine({ model, seed: 42 });
    const b = createMockEngine({ model, seed: 42 });
    const first = [];
    for (const q of QUERIES) first.push(await rows(a, q));
    const second = [];
    for (const q of [...QUERIES].reverse()) second.push(await rows(b, q));
    expect(second.reverse()).toEqual(first);
  });

  it('different seeds give different rows', async () => {
    const a = createMockEngine({ model, seed: 1 });
    const b = createMockEngine({ model, seed: 2 });
    for (const q of QUERIES) expect(await rows(b, q)).not.toEqual(await rows(a, q));
  });

  it('adding a field to the model changes no other field', async () => {
    const grown = structuredClone(model);
    for (const r of grown.resources) {
      r.fields.unshift({ name: 'added_first', type: 'string', rawType: 'string', description: '', typeRef: { kind: 'string' }, line: 1 });
      r.fields.push({ name: 'added_last', type: 'object', rawType: 'object', description: '', typeRef: { kind: 'object', properties: [], open: true }, line: 1 });
    }
    const a = createMockEngine({ model, seed: 5 });
    const b = createMockEngine({ model: grown, seed: 5 });
    for (const q of QUERIES) {
      // The original fields only, named explicitly (SELECT * would show the new ones too).
      const r = model.resources.find((x) => q.includes(` ${x.id}`))!;
      const query = q.replace(/^SELECT .*? FROM/, `SELECT ${r.fields.map((f) => `"${f.name}"`).join(', ')} FROM`);
      const before = await rows(a, query);
      expect(before.length).toBeGreaterThan(0);
      expect(await rows(b, query)).toEqual(before);
    }
  });

  it('rowsPerScope sets how many rows a scope starts with', async () => {
    expect(await rows(createMockEngine({ model, rowsPerScope: 5 }), 'SELECT id FROM confluent.iam.invitations')).toHaveLength(5);
    expect(await rows(createMockEngine({ model, rowsPerScope: 0 }), 'SELECT id FROM confluent.iam.invitations')).toEqual([]);
  });
});

describe('plausible values', () => {
  const engine = createMockEngine({ model, seed: 3, rowsPerScope: 20 });

  it('by format and enum: uint64 as digits, date-time as ISO, enum values, manifest-shaped objects', async () => {
    const buckets = await rows(engine, "SELECT name, storageClass, sizeBytes, labels, timeCreated FROM example.storage.buckets WHERE project = 'p'");
    for (const b of buckets) {
      expect(['STANDARD', 'NEARLINE', 'COLDLINE']).toContain(b.storageClass);
      expect(b.sizeBytes).toMatch(/^\d+$/);
      expect(new Date(b.timeCreated as string).toISOString()).toBe(b.timeCreated);
      expect(Object.keys(b.labels as object)).toEqual(['team', 'cost_center']);
      expect(b.name).toMatch(/^bucket-[a-z]+-\d{3}$/);
    }
    // 20 rows, more than one enum value.
    expect(new Set(buckets.map((b) => b.storageClass)).size).toBeGreaterThan(1);
  });

  it('by name: emails, ids, timestamps, int64 counts, google kinds', async () => {
    const invitations = await rows(engine, 'SELECT id, email, expires_at, kind, creator FROM confluent.iam.invitations');
    for (const i of invitations) {
      expect(i.email).toMatch(/^[a-z]+\.[a-z-]+@example\.(com|org|net)$/);
      expect(i.id).toMatch(/^inv-[a-z0-9]{10}$/);
      expect(i.expires_at).toMatch(/^20(2[3-6])-\d\d-\d\dT/);
      expect(i.kind).toBe('Invitation');
      expect(i.creator).toEqual({ id: expect.any(String) });
    }
    const users = await rows(engine, "SELECT mailsSentCount, updateTime, userInvitations FROM google.cloudidentity.userinvitations WHERE customersId = 'C'");
    for (const u of users) {
      expect(u.mailsSentCount).toMatch(/^\d+$/);
      expect(u.updateTime).toMatch(/Z$/);
      expect(Array.isArray(u.userInvitations)).toBe(true);
    }
  });

  it('integers are numbers, arrays follow the manifest item shape', async () => {
    const instances = await rows(engine, "SELECT cpu_count, tags, tenancy FROM example.compute.instances WHERE region = 'r'");
    for (const i of instances) {
      expect(Number.isInteger(i.cpu_count)).toBe(true);
      expect((i.tags as object[]).length).toBeGreaterThan(0);
      for (const t of i.tags as Row[]) expect(Object.keys(t)).toEqual(['Key', 'Value']);
    }
  });
});

describe('fixtures, reset, snapshot', () => {
  const fixtures = {
    'google.cloudidentity.userinvitations': [
      { scope: { customersId: 'C01' }, rows: [{ name: 'inv-a', state: 'ACCEPTED' }, { name: 'inv-b', state: 'PENDING' }] },
    ],
    'confluent.iam.invitations': [{ rows: [{ id: 'fixed-1', email: 'f@example.com' }] }],
  };

  it('a fixture scope answers its rows only, gets find them by key, other scopes are generated', async () => {
    const engine = createMockEngine({ model, fixtures });
    expect(await rows(engine, "SELECT name, state FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'")).toEqual([
      { name: 'inv-a', state: 'ACCEPTED' },
      { name: 'inv-b', state: 'PENDING' },
    ]);
    expect(await rows(engine, "SELECT state FROM google.cloudidentity.userinvitations WHERE customersId = 'C01' AND userinvitationsId = 'inv-b'")).toEqual([{ state: 'PENDING' }]);
    expect(await rows(engine, "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C02'")).toHaveLength(3);
    expect(await rows(engine, 'SELECT id, email FROM confluent.iam.invitations')).toEqual([{ id: 'fixed-1', email: 'f@example.com' }]);
  });

  it('reset goes back to the seeded state, fixtures included; load() and POST /__mock/fixtures add more', async () => {
    const engine = createMockEngine({ model, seed: 9 });
    const initial = await rows(engine, 'SELECT id FROM confluent.iam.invitations');
    await rows(engine, "DELETE FROM confluent.iam.invitations WHERE id = '" + initial[0].id + "'");
    await rows(engine, "EXEC google.cloudidentity.userinvitations.send @customersId = 'C', @userinvitationsId = 'u'");
    engine.override('confluent.iam.invitations', { fault: { status: 500, message: 'down' } });
    expect(await engine.handle('POST', '/__mock/reset')).toEqual({ status: 200, body: { ok: true } });
    expect(engine.snapshot()).toEqual({});
    expect(engine.execLog()).toEqual([]);
    expect(await rows(engine, 'SELECT id FROM confluent.iam.invitations')).toEqual(initial);

    engine.load({ 'confluent.iam.invitations': [{ rows: [{ id: 'loaded', email: 'l@example.com' }] }] });
    expect(await engine.handle('POST', '/__mock/fixtures', JSON.stringify({ 'example.storage.buckets': [{ scope: { project: 'p' }, rows: [{ name: 'b1' }] }] }))).toEqual({ status: 200, body: { ok: true } });
    engine.reset();
    expect(await rows(engine, "SELECT id FROM confluent.iam.invitations WHERE id = 'loaded'")).toEqual([{ id: 'loaded' }]);
    expect(await rows(engine, "SELECT name FROM example.storage.buckets WHERE project = 'p'")).toEqual([{ name: 'b1' }]);
  });

  it('bad fixtures are refused whole', async () => {
    const engine = createMockEngine({ model });
    expect(() => engine.load({ 'a.b.c': [{ rows: [] }] })).toThrow("fixtures name an unknown resource 'a.b.c'");
    expect(() => engine.load({ 'confluent.iam.invitations': [{ rows: [{ id: 'x' }, { id: 'x' }] }] })).toThrow(
      'fixtures for \'confluent.iam.invitations\' [0].rows[1] repeat the identity ["x"]',
    );
    expect(engine.snapshot()).toEqual({});
    expect(await engine.handle('POST', '/__mock/fixtures', '{"a.b.c": []}')).toEqual({ status: 400, body: { error: "invalid fixtures: fixtures name an unknown resource 'a.b.c'" } });
  });

  it('snapshot lists rows by resource and scope, and GET /__mock/state answers it', async () => {
    const engine = createMockEngine({ model, fixtures, rowsPerScope: 1 });
    await rows(engine, "SELECT name FROM example.storage.buckets WHERE project = 'p9'");
    const snap = engine.snapshot();
    expect(Object.keys(snap)).toEqual(['confluent.iam.invitations', 'example.storage.buckets', 'google.cloudidentity.userinvitations']);
    expect(Object.keys(snap['google.cloudidentity.userinvitations'] as object)).toEqual(['customersId=C01']);
    expect(Object.keys(snap['confluent.iam.invitations'] as object)).toEqual(['*']);
    expect((snap['example.storage.buckets'] as Record<string, Row[]>)['project=p9']).toHaveLength(1);
    expect(await engine.handle('GET', '/__mock/state')).toEqual({ status: 200, body: snap });
  });
});

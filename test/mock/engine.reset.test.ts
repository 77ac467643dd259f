// reset() with fixtures (mocks/engine/store.ts): it undoes what changed since the fixtures were
// applied (the reset log) instead of rebuilding every fixture row, and must give exactly the state
// a rebuild gives: the same rows, in the same order, the same next generated values; also after
// deletes in the middle of a scope, updates of fixture rows, a failed statement, a fixture load
// after changes, and once the log outgrew its budget (the rebuild then).
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../mocks/engine/catalog.ts';
import { createMockEngine, type Fixtures, type MockEngine, type Row } from '../../mocks/engine/index.ts';
import { Store } from '../../mocks/engine/store.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
const SCOPED = 'example.storage.buckets';
const OTHER = 'google.cloudidentity.userinvitations';
const FLAT = 'confluent.iam.invitations';

const fixtures: Fixtures = {
  [SCOPED]: [{ scope: { project: 'P01' }, rows: ['a', 'b', 'c', 'd', 'e'].map((n, i) => ({ name: `b-${n}`, storageClass: i % 2 ? 'NEARLINE' : 'STANDARD' })) }],
  [FLAT]: [{ rows: [{ id: 'fixed-1', email: 'one@example.com' }, { id: 'fixed-2', email: 'two@example.com' }, { id: 'fixed-3', email: 'three@example.com' }] }],
};

async function run(engine: MockEngine, query: string): Promise<Row[]> {
  const r = await engine.query({ query, showMetadata: false });
  if (r.status !== 200) throw new Error(`${query}: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { data: Row[] }).data;
}

/** What a client can see of the state: every stored row in order, reads (which generate), and the next INSERT's row. */
async function observe(engine: MockEngine): Promise<unknown> {
  const snapshot = engine.snapshot();
  const reads = [
    await run(engine, `SELECT * FROM ${SCOPED} WHERE project = 'P01'`),
    await run(engine, `SELECT name FROM ${SCOPED} WHERE project = 'P01' AND bucket = 'b-c'`),
    await run(engine, `SELECT * FROM ${FLAT}`),
    await run(engine, `SELECT * FROM ${SCOPED} WHERE project = 'P77'`),
  ];
  await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P01', 'b-next'`);
  const inserted = await run(engine, `SELECT * FROM ${SCOPED} WHERE project = 'P01' AND bucket = 'b-next'`);
  return { snapshot, reads, inserted, all: engine.snapshot() };
}

/** Changes of every kind, fixture rows included (deleted from the middle and the ends, updated, replaced by a new row of the same key). */
async function change(engine: MockEngine): Promise<void> {
  await run(engine, `DELETE FROM ${SCOPED} WHERE project = 'P01' AND bucket = 'b-b'`);
  await run(engine, `DELETE FROM ${SCOPED} WHERE project = 'P01' AND bucket = 'b-a'`);
  await run(engine, `DELETE FROM ${FLAT} WHERE id = 'fixed-3'`);
  await run(engine, `UPDATE ${SCOPED} SET data__storageClass = 'COLDLINE' WHERE project = 'P01' AND bucket = 'b-d'`);
  await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P01', 'b-new'`);
  await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P01', 'b-b'`);
  await run(engine, `INSERT INTO ${FLAT} (data__id, data__email) SELECT 'fixed-3', 'again@example.com'`);
  await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P02', 'b-elsewhere'`);
  await run(engine, `SELECT * FROM ${SCOPED} WHERE project = 'P05'`);
  await run(engine, `EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'b-c'`);
  // A statement that fails half-way changes nothing (rolled back, never logged).
  const failed = await engine.query({ query: `INSERT INTO ${FLAT} (data__id, data__email) SELECT 'fixed-1', 'taken@example.com'` });
  expect(failed.status).toBeGreaterThanOrEqual(400);
}

describe('reset with fixtures', () => {
  it('gives exactly the state of a fresh engine with the same fixtures, after changes of every kind, again and again', async () => {
    const expected = await observe(createMockEngine({ model, seed: 5, fixtures }));
    const engine = createMockEngine({ model, seed: 5, fixtures });
    for (let round = 0; round < 3; round++) {
      await change(engine);
      engine.reset();
      expect(engine.execLog()).toEqual([]);
      expect(await observe(engine)).toEqual(expected);
      engine.reset();
    }
  });

  it('puts rows deleted from the middle of a scope back in their places', async () => {
    const engine = createMockEngine({ model, fixtures });
    const before = await run(engine, `SELECT name FROM ${SCOPED} WHERE project = 'P01'`);
    // Deleted in an order that is not the rows' own, with rows inserted between.
    for (const name of ['b-d', 'b-b', 'b-e', 'b-a']) {
      await run(engine, `DELETE FROM ${SCOPED} WHERE project = 'P01' AND bucket = '${name}'`);
      await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P01', '${name}-x'`);
    }
    await run(engine, `INSERT INTO ${SCOPED} (project, data__name) SELECT 'P01', 'b-b'`);
    // Meanwhile, as without fixtures: a row inserted again under a deleted key comes last.
    expect((await run(engine, `SELECT name FROM ${SCOPED} WHERE project = 'P01'`)).map((r) => r['name'])).toEqual(['b-c', 'b-d-x', 'b-b-x', 'b-e-x', 'b-a-x', 'b-b']);
    // The rows deleted are not counted (snapshot's cap counts before copying).
    expect(() => engine.snapshot(SCOPED, { maxRows: 6 })).not.toThrow();
    expect(() => engine.snapshot(SCOPED, { maxRows: 5 })).toThrow();
    engine.reset();
    expect(await run(engine, `SELECT name FROM ${SCOPED} WHERE project = 'P01'`)).toEqual(before);
    expect(before.map((r) => r['name'])).toEqual(['b-a', 'b-b', 'b-c', 'b-d', 'b-e']);
  });

  it('takes fixtures loaded after changes into the state it goes back to', async () => {
    const more: Fixtures = { [OTHER]: [{ scope: { customersId: 'C01' }, rows: [{ name: 'inv-1' }, { name: 'inv-2' }] }] };
    const expected = await observe(createMockEngine({ model, seed: 3, fixtures: { ...fixtures, ...more } }));
    const engine = createMockEngine({ model, seed: 3, fixtures });
    await change(engine);
    engine.load(more);
    await run(engine, `DELETE FROM ${SCOPED} WHERE project = 'P01' AND bucket = 'b-c'`);
    engine.reset();
    expect(await observe(engine)).toEqual(expected);
    expect(await run(engine, `SELECT name FROM ${OTHER} WHERE customersId = 'C01'`)).toEqual([{ name: 'inv-1' }, { name: 'inv-2' }]);
  });

  it('still goes back exactly once the changes outgrew the log (a rebuild then)', async () => {
    const expected = await observe(createMockEngine({ model, seed: 8, fixtures }));
    const engine = createMockEngine({ model, seed: 8, fixtures });
    await change(engine);
    // Thousands of steps: more than the log keeps for a few fixture rows.
    for (let i = 0; i < 1500; i++) await run(engine, `INSERT INTO ${FLAT} (data__id, data__email) SELECT 'bulk-${i}', 'b${i}@example.com'`);
    await run(engine, `DELETE FROM ${FLAT} WHERE id = 'fixed-2'`);
    engine.reset();
    expect(await observe(engine)).toEqual(expected);
    // And the log is kept again from there.
    await change(engine);
    engine.reset();
    expect(await observe(engine)).toEqual(expected);
  });
});

describe('reset cost', () => {
  const catalog = new Catalog(model);
  const info = catalog.info(FLAT);
  const many: Fixtures = { [FLAT]: [{ rows: Array.from({ length: 5000 }, (_, i) => ({ id: `f-${i}`, email: `f${i}@example.com` })) }] };
  const rowOf = (store: Store, id: string) => store.find(info, { scope: [], key: [id] })[0]?.row;
  const insert = (store: Store, id: string) => {
    store.begin();
    expect(store.insertSeeded(info, [], [id], store.nextInsert(info), { email: `${id}@example.com` })).toBe(true);
    store.commit();
  };

  it('undoes the changes: the fixture rows nothing touched are the same rows, not made again', () => {
    const store = new Store(catalog, 1, 3);
    store.load(many);
    const untouched = rowOf(store, 'f-10')!;
    insert(store, 'new-1');
    store.remove({ partition: store.find(info, { scope: [], key: ['f-20'] })[0]!.partition, id: 'f-20', row: rowOf(store, 'f-20')! });
    store.reset();
    expect(rowOf(store, 'f-10')).toBe(untouched);
    expect(rowOf(store, 'new-1')).toBeUndefined();
    expect(rowOf(store, 'f-20')?.values).toMatchObject({ id: 'f-20', email: 'f20@example.com' });
    expect(store.countRows()).toBe(5000);
  });

  it('keeps a removed fixture row in its place until reset, and lets go of it once the log is dropped', () => {
    const store = new Store(catalog, 1, 3);
    store.load(many);
    const match = store.find(info, { scope: [], key: ['f-20'] })[0]!;
    store.remove(match);
    expect(match.partition.rows.get('f-20')).toBe(match.row);
    expect(store.find(info, { scope: [], key: ['f-20'] })).toEqual([]);
    expect(store.countRows()).toBe(4999);
    for (let i = 0; i < 6000; i++) insert(store, `new-${i}`);
    expect(match.partition.rows.has('f-20')).toBe(false);
    expect(match.partition.tombstones?.size ?? 0).toBe(0);
    expect(store.countRows()).toBe(4999 + 6000);
  });

  it('rebuilds when the changes cost more than a rebuild would', () => {
    const store = new Store(catalog, 1, 3);
    store.load(many);
    const untouched = rowOf(store, 'f-10')!;
    for (let i = 0; i < 6000; i++) insert(store, `new-${i}`);
    store.reset();
    expect(rowOf(store, 'f-10')).not.toBe(untouched);
    expect(rowOf(store, 'f-10')?.values).toEqual(untouched.values);
    expect(store.countRows()).toBe(5000);
  });
});

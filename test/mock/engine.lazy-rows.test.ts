// Inserted rows kept as no object until read (stored-row.ts LazyRows, store.ts insertSeeded), with
// ids made in V8's old generation (oldString): what they must keep is what a StoredRow kept, the
// row made on first read being the one an eager store would have made, in its place among the
// others; what they must not keep is anything young per row (mocks/server/README.md, tail latency).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../mocks/engine/catalog.ts';
import { fakeRow } from '../../mocks/engine/fake-data.ts';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { Store } from '../../mocks/engine/store.ts';
import { LazyRows, oldString, rowIdOf, writeIdentity } from '../../mocks/engine/stored-row.ts';
import { docsModel } from '../helpers/model.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

const R = 'confluent.iam.invitations';
/** Scoped by project, keyed by bucket (= name); has UPDATE and DELETE. */
const B = 'example.storage.buckets';
const model = docsModel();
const data = async (engine: MockEngine, query: string) => {
  const r = await engine.query({ query, showMetadata: false });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body as { data: Record<string, unknown>[] }).data;
};

describe('a lazy row', () => {
  it('is made as an eager store makes it: the same fields, values and order, the key written over what the INSERT gave for it', () => {
    const info = new Catalog(model).info(R);
    const [keyField] = info.identity.key.map((p, i) => info.identity.keyFields[i] ?? p);
    const lazy = new LazyRows(info.identity);
    const cases = [
      { [keyField!]: 'inv-1', email: 'a@example.com' },
      { email: 'b@example.com', [keyField!]: 'inv-2', status: 'ACCEPTED' },
      { email: 'b@example.com', [keyField!]: 'inv-3', status: 'ACCEPTED' },
      { email: 'c@example.com', extra_column: { nested: [1, 2] } },
      { [keyField!]: '', email: 'd@example.com' },
    ];
    cases.forEach((written, i) => {
      const key = [`inv-${i + 1}`];
      const hash = 1000 + i;
      const before = structuredClone(written);
      const made = lazy.take(lazy.add(hash, written), rowIdOf(key), { info, scope: [] }).values;
      const eager = writeIdentity(info, [], key, { ...fakeRow(info.generators, hash), ...written });
      expect(Object.keys(made)).toEqual(Object.keys(eager));
      expect(made).toEqual(eager);
      // What the INSERT wrote is not changed by being kept.
      expect(written).toEqual(before);
    });
  });

  it('keeps its own values when the next row writes others, and shares none a row changes', async () => {
    const engine = createMockEngine({ model, sqliteThreads: 0 });
    const insert = (name: string, storageClass: string) => data(engine, `INSERT INTO ${B} (data__name, data__storageClass, project) SELECT '${name}', '${storageClass}', 'p1'`);
    const read = (name: string) => data(engine, `SELECT name, storageClass FROM ${B} WHERE project = 'p1' AND bucket = '${name}'`);
    await insert('row-a', 'NEARLINE');
    await insert('row-b', 'NEARLINE');
    await insert('row-c', 'COLDLINE');
    await data(engine, `UPDATE ${B} SET data__storageClass = 'ARCHIVE' WHERE project = 'p1' AND bucket = 'row-a'`);
    expect(await read('row-a')).toEqual([{ name: 'row-a', storageClass: 'ARCHIVE' }]);
    expect(await read('row-b')).toEqual([{ name: 'row-b', storageClass: 'NEARLINE' }]);
    expect(await read('row-c')).toEqual([{ name: 'row-c', storageClass: 'COLDLINE' }]);
    await engine.close();
  });

  it('keeps its place among the rows when it is first read, changed or its neighbour deleted', async () => {
    const engine = createMockEngine({ model, sqliteThreads: 0 });
    const insert = (name: string) => data(engine, `INSERT INTO ${B} (data__name, data__storageClass, project) SELECT '${name}', 'NEARLINE', 'p1'`);
    const names = async () => (await data(engine, `SELECT name FROM ${B} WHERE project = 'p1'`)).map((r) => r['name']).filter((n) => String(n).startsWith('row-'));
    for (const name of ['row-1', 'row-2', 'row-3', 'row-4']) await insert(name);
    // row-3 read alone first (made), then the whole scope (the others made as they are listed).
    expect(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1' AND bucket = 'row-3'`)).toEqual([{ name: 'row-3' }]);
    expect(await names()).toEqual(['row-1', 'row-2', 'row-3', 'row-4']);
    await insert('row-5');
    await data(engine, `UPDATE ${B} SET data__storageClass = 'ARCHIVE' WHERE project = 'p1' AND bucket = 'row-4'`);
    await data(engine, `DELETE FROM ${B} WHERE project = 'p1' AND bucket = 'row-2'`);
    expect(await names()).toEqual(['row-1', 'row-3', 'row-4', 'row-5']);
    // The snapshot lists the rows not read yet too, in the same order.
    await insert('row-6');
    const snapshot = Object.values(engine.snapshot(B)[B] ?? {}).flat().map((r) => r['name']).filter((n) => String(n).startsWith('row-'));
    expect(snapshot).toEqual(['row-1', 'row-3', 'row-4', 'row-5', 'row-6']);
    // A key taken by a row not read yet is taken.
    const dup = await engine.query({ query: `INSERT INTO ${B} (data__name, data__storageClass, project) SELECT 'row-6', 'STANDARD', 'p1'`, showMetadata: false });
    expect(dup.status).toBe(400);
    await engine.close();
  });

  it('is undone with its statement, and its key can be inserted again', () => {
    const catalog = new Catalog(model);
    const info = catalog.info(R);
    const store = new Store(catalog, 1, 0);
    store.begin();
    expect(store.insertSeeded(info, [], ['inv-1'], 7, { email: 'first@example.com' })).toBe(true);
    expect(store.insertSeeded(info, [], ['inv-1'], 8, { email: 'twice@example.com' })).toBe(false);
    expect(store.taken(info, [], ['inv-1'])).toBe(true);
    store.rollback();
    expect(store.taken(info, [], ['inv-1'])).toBe(false);
    expect(store.countRows(R)).toBe(0);
    expect(store.stored(info, [], ['inv-1'])).toBeUndefined();
    store.begin();
    expect(store.insertSeeded(info, [], ['inv-1'], 9, { email: 'second@example.com' })).toBe(true);
    store.commit();
    expect(store.stored(info, [], ['inv-1'])!.values['email']).toBe('second@example.com');
    expect(store.find(info, { scope: [], key: ['inv-1'] }).map((m) => m.row.values['email'])).toEqual(['second@example.com']);
  });
});

describe('oldString', () => {
  it('gives an equal string, whatever it holds', () => {
    for (const s of ['', 'a', '__proto__', 'constructor', '0', '123', '-0', '4294967295', '1e3', 'NaN', '["us-east1-b","vm-1"]', '🎉 é \ud800 lone', 'x'.repeat(5000)]) {
      expect(oldString(s)).toBe(s);
    }
  });

  it('gives strings a scavenge does not copy: kept, they are not in the young generation', () => {
    const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
    /** Young bytes left after a scavenge, with 20,000 new 40-character strings kept. */
    const kept = (make: (s: string) => string) => {
      const keep: string[] = new Array<string>(20_000).fill('');
      // The array itself old: only what it holds is measured.
      gc();
      gc();
      for (let i = 0; i < keep.length; i++) keep[i] = make(JSON.stringify(['us-east1-b', `bench-vm-r1-${i}`]));
      gc({ type: 'minor' });
      const young = youngBytes();
      expect(keep[19_999]).toBe('["us-east1-b","bench-vm-r1-19999"]');
      return young;
    };
    const plain = kept((s) => s);
    const old = kept(oldString);
    // 20,000 strings of ~56 bytes: ~1.1 MB young when plain.
    expect(plain).toBeGreaterThan(800_000);
    expect(old).toBeLessThan(plain / 4);
  });
});

describe('the store', () => {
  it('keeps an inserted row as nothing young: after a scavenge, 20,000 new rows leave their ids in the old generation', () => {
    const catalog = new Catalog(model);
    const info = catalog.info(R);
    const store = new Store(catalog, 1, 0);
    const written = { email: 'same@example.com' };
    expect(store.insertSeeded(info, [], ['warm-up'], 1, written)).toBe(true);
    gc();
    gc();
    for (let i = 0; i < 20_000; i++) store.insertSeeded(info, [], [`invitation-number-${i}`], i, written);
    gc({ type: 'minor' });
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
    expect(store.stored(info, [], ['invitation-number-19999'])!.values['email']).toBe('same@example.com');
    // Young ids would be 20,000 x ~48 B, ~1 MB, copied by every scavenge until promoted.
    expect(young).toBeLessThan(400_000);
  });
});

describe('inserted rows', () => {
  it('that repeat every value but the key keep under 200 bytes of heap each (the id, its place in the maps)', async () => {
    const engine = createMockEngine({ model, sqliteThreads: 0 });
    const statement = (i: number) => `INSERT INTO ${R} (data__id, data__email, data__status) SELECT 'invitation-number-${i}', 'same@example.com', 'INVITE_STATUS_SENT'`;
    for (let i = 0; i < 200; i++) await data(engine, statement(-1 - i));
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const rows = 20_000;
    for (let i = 0; i < rows; i++) await engine.query({ query: statement(i), showMetadata: false });
    gc();
    gc();
    const perRow = (process.memoryUsage().heapUsed - before) / rows;
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = 'invitation-number-${rows - 1}'`)).toEqual([{ id: `invitation-number-${rows - 1}`, email: 'same@example.com' }]);
    // Measured ~150 B; a StoredRow and a values object per row (before LazyRows) were ~280 B.
    expect(perRow).toBeLessThan(200);
    await engine.close();
  });
});

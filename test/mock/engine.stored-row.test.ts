// The compact stored row (mocks/engine/stored-row.ts): one object per inserted row, its key read
// back from its id, values shared with earlier rows (evaluate.ts ownString). What it must keep:
// every value as written, every key as given, and nothing a caller can change behind its back.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { ownString } from '../../mocks/engine/evaluate.ts';
import { rowIdOf, StoredRow } from '../../mocks/engine/stored-row.ts';
import { docsModel } from '../helpers/model.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const R = 'confluent.iam.invitations';
const data = async (engine: MockEngine, query: string) => {
  const r = await engine.query({ query, showMetadata: false });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body as { data: Record<string, unknown>[] }).data;
};

describe('row ids', () => {
  it('are one-to-one over keys of any length, values that look like JSON included', () => {
    const keys = [[], ['a'], ['[]'], ['["a"]'], ['[a'], ['a', 'b'], ['a,b'], [''], ['', ''], ['"'], ['\ud800'], ['["a","b"]']];
    const ids = keys.map(rowIdOf);
    expect(new Set(ids).size).toBe(keys.length);
    // A row made with the id gives its key back, whole and by position.
    keys.forEach((key, k) => {
      const row = new StoredRow(ids[k]!, {});
      expect(row.key).toEqual(key.length === 0 ? [] : key);
      key.forEach((v, i) => expect(row.keyAt(i)).toBe(v));
      expect(row.keyAt(key.length)).toBeUndefined();
      // Twice: the second read is from the parsed key kept by the first.
      key.forEach((v, i) => expect(row.keyAt(i)).toBe(v));
    });
  });

  it('hand out copies of the key', () => {
    const row = new StoredRow(rowIdOf(['zone-a', 'vm-1']), {});
    row.key[0] = 'changed';
    row.keyAt(0);
    const key = row.key;
    key.push('more');
    expect(row.key).toEqual(['zone-a', 'vm-1']);
  });

  it('a seeded row is made once, from what was written over its fake fields', () => {
    const written = { email: 'kept@example.com' };
    const row = new StoredRow(rowIdOf(['inv-1']), undefined, {
      hash: 7,
      written,
      home: { info: { identity: { scope: [], key: ['id'], keyFields: ['id'] }, fieldByName: new Map(), generators: [] } as never, scope: [] },
    });
    const values = row.values;
    expect(values).toMatchObject({ email: 'kept@example.com', id: 'inv-1' });
    expect(row.values).toBe(values);
    // Made from a copy: the object the INSERT wrote is not the row.
    expect(values).not.toBe(written);
  });
});

describe('inserted rows', () => {
  it('read back every value as written: strings of any length and content, numbers, booleans, null, objects, arrays', async () => {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const strings = ['', 'short', 'a string of thirteen+ characters', '[starts like JSON', '["a","b"]', 'quote \' and " and / slash', '🎉 emoji ✓ and é', 'x'.repeat(300)];
    for (const [i, s] of strings.entries()) {
      await data(engine, `INSERT INTO ${R} (data__id, data__email, data__kind) SELECT 'inv-${i}', '${s.replaceAll("'", "''")}', '${s.replaceAll("'", "''")}'`);
    }
    // Keys that look like JSON ids.
    await data(engine, `INSERT INTO ${R} (data__id, data__email) SELECT '["k"]', 'k@example.com'`);
    await data(engine, `INSERT INTO ${R} (data__id, data__email) SELECT '[', 'b@example.com'`);
    await data(engine, `INSERT INTO ${R} (data__id, data__user, data__metadata) SELECT 'inv-json', '{"id": "u-1", "n": 2, "ok": true, "none": null, "list": [1, "two", {"three": 3}]}', '[1, 2.5, false, null, "s"]'`);
    await data(engine, `INSERT INTO example.compute.instances (CpuCount, region, data__Identifier) SELECT 4, 'us-east-1', 'i-42'`);

    for (const [i, s] of strings.entries()) {
      expect(await data(engine, `SELECT id, email, kind FROM ${R} WHERE id = 'inv-${i}'`)).toEqual([{ id: `inv-${i}`, email: s, kind: s }]);
    }
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = '["k"]'`)).toEqual([{ id: '["k"]', email: 'k@example.com' }]);
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = '['`)).toEqual([{ id: '[', email: 'b@example.com' }]);
    const [json] = await data(engine, `SELECT id, user, metadata FROM ${R} WHERE id = 'inv-json'`);
    expect(json!['id']).toBe('inv-json');
    expect(typeof json!['user'] === 'string' ? JSON.parse(json!['user']) : json!['user']).toEqual({ id: 'u-1', n: 2, ok: true, none: null, list: [1, 'two', { three: 3 }] });
    expect(typeof json!['metadata'] === 'string' ? JSON.parse(json!['metadata']) : json!['metadata']).toEqual([1, 2.5, false, null, 's']);
    const [vm] = await data(engine, `SELECT instance_id, cpu_count, region FROM example.compute.instances WHERE region = 'us-east-1' AND data__Identifier = 'i-42'`);
    expect(vm).toEqual({ instance_id: 'i-42', cpu_count: 4, region: 'us-east-1' });
    // And the whole scope lists them all, in the order they were written.
    const all = await data(engine, `SELECT id FROM ${R}`);
    expect(all.map((r) => r['id'])).toEqual(expect.arrayContaining(['inv-0', 'inv-7', '["k"]', '[', 'inv-json']));
    await engine.close();
  });

  it('are not aliased by what a caller holds: answers, snapshots, the rows written before', async () => {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    await data(engine, `INSERT INTO ${R} (data__id, data__email) SELECT 'inv-a', 'a@example.com'`);
    // (An answer's rows are its own objects; the values in them, nested objects included, are the
    // store's, as answer-cache.ts copyRows says: a caller reads them, over a transport as text.)
    const [first] = await data(engine, `SELECT id, email FROM ${R} WHERE id = 'inv-a'`);
    first!['email'] = 'changed@example.com';
    const snapshot = engine.snapshot(R);
    for (const rows of Object.values(snapshot[R] ?? {})) for (const row of rows) row['email'] = 'changed too';
    const [again] = await data(engine, `SELECT id, email FROM ${R} WHERE id = 'inv-a'`);
    expect(again!['email']).toBe('a@example.com');
    // Two rows given the same value (one string, evaluate.ts ownString): each reads it, and
    // deleting one leaves the other as it was.
    await data(engine, `INSERT INTO ${R} (data__id, data__email) SELECT 'inv-b', 'a@example.com'`);
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = 'inv-b'`)).toEqual([{ id: 'inv-b', email: 'a@example.com' }]);
    await data(engine, `DELETE FROM ${R} WHERE id = 'inv-a'`);
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = 'inv-a'`)).toEqual([]);
    expect(await data(engine, `SELECT id, email FROM ${R} WHERE id = 'inv-b'`)).toEqual([{ id: 'inv-b', email: 'a@example.com' }]);
    await engine.close();
  });

  /** Heap bytes each of `rows` INSERTs keeps, on a fresh engine. */
  async function bytesPerRow(rows: number, statement: (i: number) => string): Promise<number> {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    for (let i = 0; i < 200; i++) await data(engine, statement(-1 - i));
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < rows; i++) await engine.query({ query: statement(i), showMetadata: false });
    gc();
    gc();
    const perRow = (process.memoryUsage().heapUsed - before) / rows;
    expect(await data(engine, `SELECT id FROM ${R} WHERE id = 'invitation-number-${rows - 1}'`)).toHaveLength(1);
    await engine.close();
    return perRow;
  }

  it('keep few objects: at most 400 bytes of heap per row inserted (values written, key, row, its place in the maps)', async () => {
    // A key of its own per row, as a client inserting row after row writes.
    const perRow = await bytesPerRow(20_000, (i) => `INSERT INTO ${R} (data__id, data__email) SELECT 'invitation-number-${i}', 'someone-${i}@example.com'`);
    // Measured 270-280 B; with a seed object, a key array and a second id string per row it was ~450 B.
    expect(perRow).toBeLessThan(400);
  });

  it('share a value they repeat: four more fields, each the same long value in every row, cost their slots only', async () => {
    const plain = await bytesPerRow(20_000, (i) => `INSERT INTO ${R} (data__id, data__email) SELECT 'invitation-number-${i}', 'someone-${i}@example.com'`);
    const same = 'a value every row repeats, as rows do';
    const repeated = await bytesPerRow(
      20_000,
      (i) => `INSERT INTO ${R} (data__id, data__email, data__status, data__kind, data__api_version, data__auth_type) SELECT 'invitation-number-${i}', 'someone-${i}@example.com', '${same}', '${same}', '${same}', '${same}'`,
    );
    // Four slots are 32-64 B; four copies of the value would add 4 x 56 B more.
    expect(repeated - plain).toBeLessThan(120);
  });
});

describe('ownString', () => {
  it('gives equal strings, the same one for a value seen just before, and copies of long ones', () => {
    for (const s of ['', 'short', 'a string of thirteen+', '\ud800 lone \udfff', 'x'.repeat(1000)]) expect(ownString(s)).toBe(s);
    const request = `{"v": "${'a value of some length'}", "padding": "${'p'.repeat(1000)}"}`;
    const value = request.slice(7, 29);
    expect(ownString(value)).toBe('a value of some length');
  });
});

// The store's collections that grow by a row per INSERT: they must answer exactly as a Map (and an
// array) would, order included, and never hold one structure that an operation copies whole.
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../mocks/engine/catalog.ts';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { rng } from '../../mocks/engine/random.ts';
import { ChunkedList, ShardedMap, SteadyMap } from '../../mocks/engine/steady-collections.ts';
import { Store } from '../../mocks/engine/store.ts';
import { docsModel } from '../helpers/model.ts';

/** The internals the bound is about (private fields, read for the test only). */
interface SteadyInternals {
  positions: { shards: Map<string, number>[] };
  chunks: unknown[][];
}
const internals = (map: SteadyMap<unknown>) => map as unknown as SteadyInternals;
/** A SteadyMap's entries per chunk. */
const ENTRIES = 8192;

const key = (n: number) => `projects/p/zones/z/instances/vm-${n}`;

describe('SteadyMap', () => {
  it('answers as a Map does through random sets, deletes, re-sets and clears, across its thresholds', () => {
    const generator = rng(7);
    const random = () => generator.next();
    const mine = new SteadyMap<number>();
    const model = new Map<string, number>();
    // Keys from a range that makes deletes hit and re-sets move keys last; sizes up to ~3x a chunk.
    let range = 12_000;
    for (let step = 0; step < 60_000; step++) {
      const k = key(Math.floor(random() * range));
      const r = random();
      if (r < 0.62) {
        mine.set(k, step);
        model.set(k, step);
      } else if (r < 0.95) {
        expect(mine.delete(k)).toBe(model.delete(k));
      } else if (r < 0.99995) {
        expect(mine.get(k)).toBe(model.get(k));
        expect(mine.has(k)).toBe(model.has(k));
      } else {
        mine.clear();
        model.clear();
        range = 20_000;
      }
      expect(mine.size).toBe(model.size);
      if (step % 7_500 === 0) expect([...mine]).toEqual([...model]);
    }
    expect([...mine.entries()]).toEqual([...model.entries()]);
    expect([...mine.keys()]).toEqual([...model.keys()]);
    expect([...mine.values()]).toEqual([...model.values()]);
  });

  it('iterates as a Map does while it changes: appended entries are visited, deleted ones not', () => {
    for (const size of [10, 5_000, 9_000]) {
      const mine = new SteadyMap<number>();
      const model = new Map<string, number>();
      for (let i = 0; i < size; i++) {
        mine.set(key(i), i);
        model.set(key(i), i);
      }
      const walk = (map: Map<string, number> | SteadyMap<number>) => {
        const seen: string[] = [];
        let n = 0;
        for (const [k, v] of map) {
          seen.push(k);
          n++;
          // Ahead of the iterator: one deleted, one set again (stays), one new appended, one moved last.
          if (n % 97 === 0) {
            map.delete(key(v + 1));
            map.set(key(v + 2), -v);
            if (n < size) map.set(`new-${n}`, n);
            if (map.delete(key(v + 3))) map.set(key(v + 3), v);
          }
        }
        return seen;
      };
      expect(walk(mine)).toEqual(walk(model));
      expect([...mine]).toEqual([...model]);
    }
  });

  it('keeps taking entries after every one was deleted, the chunk appended to included', () => {
    const one = new SteadyMap<number>();
    const other = new SteadyMap<number>();
    for (const map of [one, other]) {
      for (let i = 0; i < 3; i++) map.set(key(i), i);
      for (let i = 0; i < 3; i++) map.delete(key(i));
    }
    one.set('a', 1);
    other.set('b', 2);
    expect([...one]).toEqual([['a', 1]]);
    expect([...other]).toEqual([['b', 2]]);
    expect(one.get('a')).toBe(1);
  });

  it('keeps no structure an operation copies whole: chunks of 8,192 entries, keys over 64 maps', () => {
    const map = new SteadyMap<number>();
    const ROWS = 200_000;
    for (let i = 0; i < ROWS; i++) map.set(key(i), i);
    const {
      positions: { shards },
      chunks,
    } = internals(map);
    expect(shards).toHaveLength(64);
    // Spread by the hash: no shard far over its share (a Map's growth is a copy of one shard).
    expect(Math.max(...shards.map((s) => s.size))).toBeLessThan((2 * ROWS) / 64);
    expect(shards.reduce((n, s) => n + s.size, 0)).toBe(ROWS);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(2 * ENTRIES);
    // A chunk whose entries were all deleted is let go.
    for (let i = 0; i < ENTRIES; i++) map.delete(key(i));
    expect(internals(map).chunks[0]).toHaveLength(0);
    expect(map.get(key(ENTRIES))).toBe(ENTRIES);
    expect(map.size).toBe(ROWS - ENTRIES);
  });
});

describe('ShardedMap', () => {
  it('answers as a Map does (but for order) through random sets and deletes, past its spreading, and clears', () => {
    const generator = rng(5);
    const random = () => generator.next();
    const mine = new ShardedMap<number>();
    const model = new Map<string, number>();
    for (let step = 0; step < 40_000; step++) {
      const k = key(Math.floor(random() * 9_000));
      const r = random();
      if (r < 0.6) {
        mine.set(k, step);
        model.set(k, step);
      } else if (r < 0.8) expect(mine.delete(k)).toBe(model.delete(k));
      else {
        expect(mine.get(k)).toBe(model.get(k));
        expect(mine.has(k)).toBe(model.has(k));
      }
      expect(mine.size).toBe(model.size);
    }
    expect((mine as unknown as { shards: unknown[] }).shards).toHaveLength(64);
    for (const [k, v] of model) expect(mine.get(k)).toBe(v);
    mine.clear();
    expect(mine.size).toBe(0);
    expect(mine.get(model.keys().next().value!)).toBeUndefined();
  });
});

describe('ChunkedList', () => {
  it('answers as an array does through pushes, sets and truncations, across its chunks, and clears', () => {
    const generator = rng(11);
    const random = () => generator.next();
    const mine = new ChunkedList<number>();
    const model: number[] = [];
    for (let step = 0; step < 90_000; step++) {
      const r = random();
      if (r < 0.8) {
        mine.push(step);
        model.push(step);
      } else if (r < 0.9 && model.length > 0) {
        const i = Math.floor(random() * model.length);
        mine.set(i, -step);
        model[i] = -step;
      } else {
        // A few off the end (an undone append), now and then back over a chunk's start.
        const n = model.length - (r < 0.99998 ? Math.floor(random() * 5) : 3_000);
        mine.truncate(n);
        model.length = Math.max(0, Math.min(n, model.length));
      }
      expect(mine.length).toBe(model.length);
      const probe = Math.floor(random() * (model.length + 2)) - 1;
      expect(mine.at(probe)).toBe(probe >= 0 ? model[probe] : undefined);
    }
    // Past two chunks (16,384 each): the later ones are the ones made at full size.
    expect(model.length).toBeGreaterThan(2 * 16_384);
    expect(Array.from({ length: mine.length }, (_, i) => mine.at(i))).toEqual(model);
    expect(() => mine.set(mine.length, 0)).toThrow(RangeError);
    mine.clear();
    expect(mine.length).toBe(0);
    expect(mine.at(0)).toBeUndefined();
  });

  it('lets go of what a truncation takes off, in a chunk made at full size too', () => {
    const list = new ChunkedList<{ n: number }>();
    for (let i = 0; i < 40_000; i++) list.push({ n: i });
    const places = () => (list as unknown as { chunks: ({ n: number } | undefined)[][] }).chunks.flat();
    // An undo log taken back an entry or two at a time, then across a chunk's start.
    for (const length of [39_999, 39_997, 39_000, 32_770, 20_000, 16_384, 5]) {
      list.truncate(length);
      const held = places();
      expect(held.slice(0, length).every((v, i) => v?.n === i)).toBe(true);
      expect(held.slice(length).filter((v) => v !== undefined)).toEqual([]);
    }
  });
});

describe('the store, past the thresholds where its collections change shape', () => {
  const B = 'example.storage.buckets';
  const ROWS = 9_000;
  const data = async (engine: MockEngine, query: string) => {
    const r = await engine.query({ query, showMetadata: false });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body as { data: Record<string, unknown>[] }).data;
  };
  const names = (rows: Record<string, unknown>[]) => rows.map((r) => r['name']);

  it('keeps a scope of thousands of inserted rows in order through deletes, inserts again, a failed statement and reset', async () => {
    const fixtures = { [B]: [{ scope: { project: 'p1' }, rows: [{ name: 'fixture-a' }, { name: 'fixture-b' }] }] };
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0, fixtures, answerCache: false });
    const insert = (name: string) => data(engine, `INSERT INTO ${B} (data__name, data__storageClass, project) SELECT '${name}', 'STANDARD', 'p1'`);
    for (let i = 0; i < ROWS; i++) await insert(`row-${i}`);
    const expected = ['fixture-a', 'fixture-b', ...Array.from({ length: ROWS }, (_, i) => `row-${i}`)];
    expect(names(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1'`))).toEqual(expected);
    // Deleted rows leave the order; one inserted again goes last, as a Map would put it.
    for (const i of [0, 8_189, 8_190, 8_999]) await data(engine, `DELETE FROM ${B} WHERE project = 'p1' AND bucket = 'row-${i}'`);
    await insert('row-8190');
    const after = expected.filter((n) => !['row-0', 'row-8189', 'row-8190', 'row-8999'].includes(n)).concat('row-8190');
    expect(names(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1'`))).toEqual(after);
    expect(names(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1' AND bucket = 'row-7000'`))).toEqual(['row-7000']);
    expect(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1' AND bucket = 'row-0'`)).toEqual([]);
    // A statement refused (the identity is taken) leaves everything as it was.
    expect((await engine.query({ query: `INSERT INTO ${B} (data__name, data__storageClass, project) SELECT 'row-5', 'STANDARD', 'p1'`, showMetadata: false })).status).not.toBe(200);
    expect(names(Object.values(engine.snapshot(B)[B]!).flat())).toEqual(after);
    await engine.reset();
    expect(names(await data(engine, `SELECT name FROM ${B} WHERE project = 'p1'`))).toEqual(['fixture-a', 'fixture-b']);
    await engine.close();
  });

  it('keeps its per-row collections in steady ones: the rows, the key index, the lazy rows and the reset log', () => {
    const catalog = new Catalog(docsModel());
    const info = catalog.info(B);
    const store = new Store(catalog, 1, 0);
    store.load({ [B]: [{ scope: { project: 'p1' }, rows: [{ name: 'fixture-a' }] }] });
    const inside = store as unknown as { states: Map<string, { byKey: unknown; partitions: Map<string, { rows: unknown; lazy: unknown }> }>; resetLog: unknown };
    store.insertSeeded(info, ['p1'], ['row-first'], 0, { storageClass: 'STANDARD' });
    // Kept for reset while it costs less than a rebuild: a few changes, not the thousands below.
    expect(inside.resetLog).toBeInstanceOf(ChunkedList);
    for (let i = 0; i < 9_000; i++) store.insertSeeded(info, ['p1'], [`row-${i}`], i, { storageClass: 'STANDARD' });
    const state = inside.states.get(B)!;
    const [partition] = state.partitions.values();
    expect(partition!.rows).toBeInstanceOf(SteadyMap);
    expect(state.byKey).toBeInstanceOf(ShardedMap);
    expect((partition!.lazy as { slots: unknown }).slots).toBeInstanceOf(ChunkedList);
    expect(store.find(info, { scope: [undefined], key: ['row-4999'] }).map((m) => m.id)).toEqual(['row-4999']);
  });
});

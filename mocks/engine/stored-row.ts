/**
 * A stored row, and the identity every row shows in its own fields. An INSERT stores its fake
 * fields' seed and the values it wrote (LazyRows: no object per row) and the row is made on first
 * read (StoredRow).
 */
import type { ResourceInfo } from './catalog.ts';
import { fakeRow } from './fake-data.ts';
import { ChunkedList } from './steady-collections.ts';
import type { Row } from './types.ts';

/**
 * What a lazy row is made from: the seed of the row's fake fields, the values the statement wrote
 * (which go over them) and its partition's home. The StoredRow keeps them in itself (this object
 * is not kept).
 */
export interface RowSeed {
  readonly hash: number;
  readonly written: Row;
  readonly home: RowHome;
}

/** What a lazy row needs to be made, once per partition (not per row): its resource and scope. */
export interface RowHome {
  readonly info: ResourceInfo;
  readonly scope: readonly (string | null)[];
}

/**
 * A stored row. Its values may be made on first read: an INSERT stores a seed and the values it
 * wrote, and the whole row (dozens of generated fields, nested objects) is drawn only when something
 * reads it. Fake values are a pure function of the seed, so a row made later is the row an eager
 * INSERT would have stored; a row never read is never made (nor kept in memory at its full size).
 *
 * Compact, because a client inserting row after row keeps every one of them alive and V8 copies
 * each new one twice (scavenges, then promotion) while other requests wait
 * (mocks/server/young-generation.ts): one object per row, besides the values it was given (and an
 * inserted row is not even that until something reads it: LazyRows). No seed
 * object, no per-row resource and scope (the partition's RowHome), and no key array: the row keeps
 * its id (rowIdOf), the string its partition's map is keyed by, and the key is read back from it
 * (a key of one value is its id; of several, the JSON of them, parsed on first use and kept once
 * parsed, so rows scanned by part of their key parse it once). test/mock/engine.row-memory.test.ts
 * counts the objects an inserted row keeps.
 */
export class StoredRow {
  /** Deleted by the statement in progress: skipped by every read, gone from the map at commit. */
  removed = false;
  /** The row's id (rowIdOf), until a read of part of the key parses a JSON id into its values. */
  private keyed: string | readonly string[];
  /** The row once made (or given); until then what the INSERT wrote. */
  private data: Row;
  /** The seed of the fake fields; read only until made (while `home` is set). */
  private hash: number;
  /** Until made (for writeIdentity): the resource and scope; undefined after. */
  private home: RowHome | undefined;

  constructor(
    /** rowIdOf(the identity values, aligned with identity.key, or a single synthetic value when the key is empty). */
    id: string,
    values: Row | undefined,
    seed?: RowSeed,
  ) {
    this.keyed = id;
    if (seed !== undefined) {
      this.data = seed.written;
      this.hash = seed.hash;
      this.home = seed.home;
    } else {
      this.data = values!;
      this.hash = 0;
      this.home = undefined;
    }
  }

  /** Identity values (a fresh array: changing it changes nothing stored). */
  get key(): string[] {
    const keyed = this.keyed;
    if (typeof keyed !== 'string') return [...keyed];
    return keyed.startsWith('[') ? (JSON.parse(keyed) as string[]) : [keyed];
  }

  /** The key's value at `i`. */
  keyAt(i: number): string | undefined {
    let keyed = this.keyed;
    if (typeof keyed === 'string') {
      if (!keyed.startsWith('[')) return i === 0 ? keyed : undefined;
      keyed = this.keyed = JSON.parse(keyed) as string[];
    }
    return keyed[i];
  }

  get values(): Row {
    if (this.home !== undefined) {
      const { info, scope } = this.home;
      this.data = writeIdentity(info, scope, this.key, { ...fakeRow(info.generators, this.hash), ...this.data });
      this.home = undefined;
    }
    return this.data;
  }

  set values(values: Row) {
    this.data = values;
    this.home = undefined;
  }
}

/**
 * A row's id in its partition's map (and the store's index by key): the key's one value itself
 * (no second string per row), or the JSON of its values. A lone value starting with `[` is written
 * as JSON too, so no lone value is ever the id of a key of another length (a resource's keys all
 * have one length; a key-less INSERT's conflict check asks with none).
 */
export function rowIdOf(key: readonly (string | null)[]): string {
  if (key.length === 1) {
    const only = key[0];
    if (typeof only === 'string' && !only.startsWith('[')) return only;
  }
  return JSON.stringify(key);
}

/**
 * `text` (the same characters) as a string allocated in V8's old generation: the string a property
 * name becomes (an "internalized" string, V8's own copy of a name, is always allocated there). A
 * string made by a request is young: every scavenge until its promotion copies it, and a client
 * inserting thousands of rows a second keeps one such id per row, the whole of what a lazy row is
 * (LazyRows), which was what made the scavenges of an INSERT load long (mocks/server/README.md).
 * Made old, it is never copied. Through one dictionary object (Object.create(null) is one from
 * the start: no hidden class per name), kept empty between calls: a dictionary made per call was
 * ~200 bytes of garbage per inserted row. A string that is an array index comes back as an
 * equal string all the same (only not old): the result always equals `text`.
 */
export function oldString(text: string): string {
  const holder = namer;
  holder[text] = 0;
  const name = Object.keys(holder)[0]!;
  delete holder[text];
  return name;
}

/** oldString's dictionary, empty between calls. */
const namer: Record<string, number> = Object.create(null) as Record<string, number>;

/**
 * Writes a row's identity into its fields: the key into the key fields, scope values into scalar
 * fields of the same name, so the row shows its own identity. Returns the row.
 */
export function writeIdentity(info: ResourceInfo, scope: readonly (string | null)[], key: readonly string[], values: Row): Row {
  const { identity } = info;
  identity.scope.forEach((param, i) => {
    const v = scope[i] ?? null;
    // Only into a scalar field: azure's usages take the environment `name` as a param, while their `name` field is an object.
    if (v !== null && isScalarField(info, param)) values[param] = coerceKey(info, param, v);
  });
  identity.key.forEach((param, i) => {
    const field = identity.keyFields[i] ?? param;
    values[field] = coerceKey(info, field, key[i]!);
  });
  return values;
}

function isScalarField(info: ResourceInfo, name: string): boolean {
  const kind = info.fieldByName.get(name)?.typeRef.kind;
  return kind !== undefined && kind !== 'object' && kind !== 'array';
}

/** A key or scope value as the field's type wants it: numbers for integer fields, text otherwise. */
function coerceKey(info: ResourceInfo, field: string, value: string): unknown {
  const type = info.fieldByName.get(field)?.typeRef.kind;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/**
 * A partition's inserted rows that nothing has read yet, as no object per row: a client inserting
 * row after row keeps every row alive, and each object a row is made of is one more for every
 * scavenge to copy (twice: to the other semi-space, then to the old generation) while the other
 * requests wait (mocks/server/young-generation.ts). So the partition's map holds a slot number for
 * such a row (store.ts rowOf makes the StoredRow, in the same place, when something reads it), and
 * the slot is two entries of one array: the hash of the row's fake fields (as an int32, a small
 * integer the array holds in place, not a heap number) and the values its INSERT wrote.
 *
 * Those values are shared with the row before when they are the same: rows inserted one after
 * another mostly repeat them (evaluate.ts ownString gives a repeated string as the same string)
 * except for the key, which the row's id holds already and writeIdentity writes over the key
 * fields of every row made. So the key fields' written values are dropped (kept as null in their
 * place, so that the made row's fields keep the order they had) and a row that wrote nothing else
 * new costs its id and two array entries. The shared objects are never changed: a made row is a
 * copy (StoredRow.values), and a row given new values gets new objects.
 */
export class LazyRows {
  /**
   * Per slot, two entries: the hash | 0, and the values written (undefined once made). In chunks:
   * one slot per INSERT, and an array's growth copies it whole (steady-collections.ts).
   */
  private readonly slots = new ChunkedList<number | Row | undefined>();
  /** The values of the latest slot, for the next row to share. */
  private last: Row | undefined;
  /** The fields writeIdentity writes each key value into. */
  private readonly keyFields: readonly string[];

  constructor(identity: ResourceInfo['identity']) {
    this.keyFields = identity.key.map((param, i) => identity.keyFields[i] ?? param);
  }

  /** Keeps a row's seed; its slot. */
  add(hash: number, written: Row): number {
    const slot = this.slots.length >> 1;
    this.slots.push(hash | 0);
    this.slots.push(this.share(written));
    return slot;
  }

  /** Undoes add() (a failed statement): the last slot is given back; another one is only emptied. */
  drop(slot: number): void {
    if (slot === (this.slots.length >> 1) - 1) this.slots.truncate(this.slots.length - 2);
    else this.slots.set(2 * slot + 1, undefined);
  }

  /** The row of a slot, made on its first read like any seeded row; the slot lets go of its values. */
  take(slot: number, id: string, home: RowHome): StoredRow {
    const hash = (this.slots.at(2 * slot) as number) >>> 0;
    const written = this.slots.at(2 * slot + 1) as Row;
    this.slots.set(2 * slot + 1, undefined);
    return new StoredRow(id, undefined, { hash, written, home });
  }

  /** `written` without its key fields' values, or the previous slot's values when those are the same. */
  private share(written: Row): Row {
    let own = written;
    for (const field of this.keyFields) {
      if (Object.hasOwn(own, field) && own[field] !== null) {
        if (own === written) own = { ...written };
        own[field] = null;
      }
    }
    const last = this.last;
    if (last !== undefined && sameValues(last, own)) return last;
    this.last = own;
    return own;
  }
}

/** The same fields in the same order with the same values (Object.is: -0 and NaN as they are). */
function sameValues(a: Row, b: Row): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !Object.is(a[k], b[k])) return false;
  }
  return true;
}

/**
 * A stored row, and the identity every row shows in its own fields. An INSERT stores a RowSeed
 * (its fake fields' seed and the values it wrote) and the row is made on first read; see StoredRow.
 */
import type { ResourceInfo } from './catalog.js';
import { fakeRow } from './fake-data.js';
import type { Row } from './types.js';

/**
 * What an INSERT hands the store instead of a whole row: the seed of the row's fake fields and the
 * values the statement wrote, which go over them. The store keeps the two in the StoredRow itself
 * (this object is not kept); the row is made from them on first read.
 */
export class RowSeed {
  constructor(
    readonly hash: number,
    readonly written: Row,
  ) {}
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
 * (mocks/server/young-generation.ts): one object per row, besides the values it was given. No seed
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
    seed?: { seed: RowSeed; home: RowHome },
  ) {
    this.keyed = id;
    if (seed !== undefined) {
      this.data = seed.seed.written;
      this.hash = seed.seed.hash;
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

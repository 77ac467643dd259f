/**
 * A stored row, and the identity every row shows in its own fields. An INSERT stores a RowSeed
 * (its fake fields' seed and the values it wrote) and the row is made on first read; see StoredRow.
 */
import type { ResourceInfo } from './catalog.js';
import { fakeRow } from './fake-data.js';
import type { Row } from './types.js';

/**
 * What an INSERT stores instead of a whole row: the seed of the row's fake fields and the values
 * the statement wrote, which go over them. The row is made from it on first read (StoredRow).
 */
export class RowSeed {
  constructor(
    readonly hash: number,
    readonly written: Row,
  ) {}
}

/**
 * A stored row. Its values may be made on first read: an INSERT stores a RowSeed, and the whole
 * row (dozens of generated fields, nested objects) is drawn only when something reads it. Fake
 * values are a pure function of the seed, so a row made later is the row an eager INSERT would
 * have stored; a row never read is never made (nor kept in memory at its full size).
 */
export class StoredRow {
  /** Deleted by the statement in progress: skipped by every read, gone from the map at commit. */
  removed?: boolean;
  private made: Row | undefined;
  /** Until made: the seed, and what writeIdentity needs. */
  private seed: RowSeed | undefined;
  private info: ResourceInfo | undefined;
  private scope: readonly (string | null)[] | undefined;

  constructor(
    /** Identity values, aligned with identity.key (or a single synthetic value when the key is empty). */
    readonly key: string[],
    values: Row | undefined,
    seed?: { seed: RowSeed; info: ResourceInfo; scope: readonly (string | null)[] },
  ) {
    this.made = values;
    if (seed !== undefined) {
      this.seed = seed.seed;
      this.info = seed.info;
      this.scope = seed.scope;
    }
  }

  get values(): Row {
    if (this.made === undefined) {
      const { hash, written } = this.seed!;
      const info = this.info!;
      this.made = writeIdentity(info, this.scope!, this.key, { ...fakeRow(info.generators, hash), ...written });
      this.seed = undefined;
      this.info = undefined;
      this.scope = undefined;
    }
    return this.made;
  }

  set values(values: Row) {
    this.made = values;
    this.seed = undefined;
    this.info = undefined;
    this.scope = undefined;
  }
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

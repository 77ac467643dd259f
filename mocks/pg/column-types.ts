/**
 * Which Postgres type a column is described with, and how its values are written as text: what
 * `stackql srv` does (protocol.md §4). The model's declared type decides: numeric (1700) for
 * numbers, bool (16, `t`/`f`) for booleans, text (25) for everything else (strings, objects and
 * arrays as JSON text, params, expressions, SHOW columns).
 */
import type { Field } from '../../generator/core/model.ts';
import type { ResultColumn } from '../engine/types.ts';

export const OID = { bool: 16, text: 25, numeric: 1700 } as const;
export type PgType = keyof typeof OID;

/** The Postgres type of a column that carries this field's value unchanged (no field: text). */
export function pgTypeOf(field: Field | undefined): PgType {
  switch (field?.typeRef.kind) {
    case 'integer':
    case 'number':
      return 'numeric';
    case 'boolean':
      return 'bool';
    default:
      return 'text';
  }
}

// What Postgres' numeric input accepts (NaN and Infinity left out: JSON has no such numbers).
const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Whether a value can be sent in a column of this type (null always can). */
function fits(type: PgType, value: unknown): boolean {
  if (value === null || value === undefined || value === 'null') return true;
  switch (type) {
    case 'numeric':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && NUMERIC_TEXT.test(value));
    case 'bool':
      return typeof value === 'boolean';
    case 'text':
      return true;
  }
}

/**
 * The types of an answer's columns. A column whose model type says numeric or bool but that holds
 * a value of another kind in this answer (an `integer` field given text by a fixture) is described
 * as text, so that no client's type parser meets a value it cannot read; `allText` describes every
 * column as text.
 */
export function columnTypes(columns: readonly ResultColumn[], rows: ReadonlyArray<Record<string, unknown>>, allText: boolean): PgType[] {
  return columns.map((c) => {
    const declared = allText ? 'text' : pgTypeOf(c.field);
    if (declared === 'text') return declared;
    for (const row of rows) if (!fits(declared, row[c.name])) return 'text';
    return declared;
  });
}

/**
 * A value in the text format of its column's type; null for SQL NULL. The string `null` is NULL
 * too, as StackQL sends it (its rows hold JSON text, where null and "null" read the same).
 */
export function encodeValue(type: PgType, value: unknown): string | null {
  if (value === null || value === undefined || value === 'null') return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return type === 'bool' ? (value ? 't' : 'f') : value ? 'true' : 'false';
    case 'number':
    case 'bigint':
      return String(value);
    default:
      return JSON.stringify(value);
  }
}

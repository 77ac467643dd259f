/**
 * Row validators at run time: does a row the server answered satisfy the row type the generated
 * client promises? Driven by a compact descriptor per resource (field name → type), emitted from
 * the model next to the clients (`validators/<provider>/<service>/<resource>.ts`), so users can
 * check live answers too:
 *
 *   import { rowValidator } from './generated/validators/google/cloudidentity/userinvitations.js';
 *   const problems = rowValidator.validateRows(rows);      // [] when the rows match the docs
 *   rowValidator.assertRows(rows);                          // throws RowValidationError otherwise
 *
 * The rules follow the client's types (generator/emit/ts-types.ts): every top-level column may be
 * null (the docs never say which are nullable; the Row type says `T | null`); a string with a
 * format (`int64`, `date-time`, ...) must be a string whose text fits the format (Google sends
 * int64 as a string: a number there is drift); enums are closed; `integer` must be a whole number;
 * object and array shapes are checked as deep as the descriptor goes; `any` is not checked.
 * Nested members are optional (and, like columns, may be null).
 *
 * Messages name the row and the field: `row 0: field 'mailsSentCount' should be a string (int64), got number`.
 * No dependencies: this file is copied as is into the generated folder.
 */

import type { FieldType, FieldTypes } from '../core/contract-spec.js';

export type { FieldType, FieldTypes };

export type ViolationKind = 'wrong-type' | 'missing-field' | 'extra-field';

export interface Violation {
  kind: ViolationKind;
  /** Index of the row in the answer. */
  row: number;
  /** The field (a top-level column); nested members are in `path`. */
  field: string;
  /** `field` or `field.member[0].x` where the value is. */
  path: string;
  /** What the docs say, e.g. `a string (int64)`. */
  expected?: string;
  /** What the row has, e.g. `number`. */
  actual?: string;
  /** One line, e.g. `row 0: field 'mailsSentCount' should be a string (int64), got number`. */
  message: string;
}

export interface ValidateOptions {
  /**
   * Columns that must be present (the columns the statement asked for). Default: none, unless
   * `complete` is set.
   */
  columns?: readonly string[];
  /** Every documented field must be present (a SELECT * row). Default false. */
  complete?: boolean;
  /**
   * Names a row may carry besides the documented fields (e.g. the resource's parameters, which
   * StackQL can return as columns). `true`: any name. Default: none (an undocumented field is reported).
   */
  allowExtra?: readonly string[] | boolean;
  /** Stop after this many violations per row. Default 50. */
  limit?: number;
}

const MAX_DEPTH = 8;

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** How a value is named in a message: `number`, `array`, `'abc'` for a string that fails a format. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function quote(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${text.replace(/'/g, "\\'")}'`;
  }
  return String(value);
}

/** The type in words: `a string (int64)`, `one of 'A', 'B'`, `an object`, `an array of strings`. */
export function describeType(type: FieldType): string {
  if (typeof type === 'string') {
    const [base, format] = splitType(type);
    const words: Record<string, string> = {
      string: 'a string',
      integer: 'an integer',
      number: 'a number',
      boolean: 'a boolean',
      object: 'an object',
      array: 'an array',
      scalar: 'a string, number or boolean',
      any: 'anything',
    };
    const word = words[base] ?? `a ${base}`;
    return format ? `${word} (${format})` : word;
  }
  if ('enum' in type) return `one of ${type.enum.map(quote).join(', ')}`;
  if ('array' in type) return `an array of ${plural(type.array)}`;
  return 'an object';
}

function plural(type: FieldType): string {
  const one = describeType(type);
  if (typeof type === 'string' && !one.includes('(')) return `${one.replace(/^an? /, '')}s`;
  return `items that are ${one}`;
}

function splitType(type: string): [string, string | undefined] {
  const colon = type.indexOf(':');
  return colon === -1 ? [type, undefined] : [type.slice(0, colon), type.slice(colon + 1)];
}

const FORMATS: Record<string, (text: string) => boolean> = {
  int64: (t) => /^-?\d+$/.test(t),
  int32: (t) => /^-?\d+$/.test(t),
  uint64: (t) => /^\d+$/.test(t),
  uint32: (t) => /^\d+$/.test(t),
  double: (t) => t.trim() !== '' && !Number.isNaN(Number(t)),
  float: (t) => t.trim() !== '' && !Number.isNaN(Number(t)),
  'date-time': isDateTime,
  'google-datetime': isDateTime,
  date: (t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t)),
  byte: (t) => /^[A-Za-z0-9+/_-]*={0,2}$/.test(t),
  uuid: (t) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t),
  'google-duration': (t) => /^-?\d+(\.\d+)?s$/.test(t),
};

function isDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * Why `value` does not have `type`, as `[expected, actual]`, or undefined when it does. Null is
 * accepted everywhere (see the file comment).
 */
export function checkValue(type: FieldType, value: unknown, depth = 0): { expected: string; actual: string; path: string } | undefined {
  if (value === null || value === undefined) return undefined;
  const wrong = (actual = describeValue(value), path = '') => ({ expected: describeType(type), actual, path });
  if (typeof type === 'string') {
    const [base, format] = splitType(type);
    switch (base) {
      case 'string': {
        if (typeof value !== 'string') return wrong();
        const fits = format ? FORMATS[format] : undefined;
        return fits && !fits(value) ? wrong(quote(value)) : undefined;
      }
      case 'integer':
        if (typeof value !== 'number') return wrong();
        return Number.isInteger(value) ? undefined : wrong(String(value));
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? undefined : wrong();
      case 'boolean':
        return typeof value === 'boolean' ? undefined : wrong();
      case 'object':
        return typeof value === 'object' && !Array.isArray(value) ? undefined : wrong();
      case 'array':
        return Array.isArray(value) ? undefined : wrong();
      case 'scalar':
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? undefined : wrong();
      default:
        return undefined;
    }
  }
  if ('enum' in type) {
    return type.enum.includes(value as string | number) ? undefined : wrong(typeof value === 'string' || typeof value === 'number' ? quote(value) : describeValue(value));
  }
  if ('array' in type) {
    if (!Array.isArray(value)) return wrong();
    if (depth >= MAX_DEPTH) return undefined;
    for (let k = 0; k < value.length; k++) {
      const inner = checkValue(type.array, value[k], depth + 1);
      if (inner) return { ...inner, path: `[${k}]${inner.path}` };
    }
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return wrong();
  if (depth >= MAX_DEPTH) return undefined;
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(type.object)) {
    if (!hasOwn(record, name)) continue;
    const inner = checkValue(type.object[name], record[name], depth + 1);
    if (inner) return { ...inner, path: `${memberPath(name)}${inner.path}` };
  }
  return undefined;
}

function memberPath(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The violations of one row (`index` is its position in the answer, used in the messages). */
export function validateRow(fields: FieldTypes, row: unknown, options: ValidateOptions = {}, index = 0): Violation[] {
  const out: Violation[] = [];
  const limit = options.limit ?? 50;
  const at = `row ${index}`;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return [{ kind: 'wrong-type', row: index, field: '', path: '', expected: 'an object', actual: describeValue(row), message: `${at} should be an object, got ${describeValue(row)}` }];
  }
  const record = row as Record<string, unknown>;
  const required = options.complete ? Object.keys(fields) : [...(options.columns ?? [])];
  for (const name of required) {
    if (out.length >= limit) return out;
    if (!hasOwn(record, name)) {
      const documented = hasOwn(fields, name);
      out.push({
        kind: 'missing-field',
        row: index,
        field: name,
        path: name,
        expected: documented ? describeType(fields[name]) : undefined,
        message: `${at}: ${documented ? 'documented ' : ''}field '${name}' is missing`,
      });
    }
  }
  const allow = options.allowExtra;
  for (const name of Object.keys(record)) {
    if (out.length >= limit) return out;
    if (!hasOwn(fields, name)) {
      const allowed = allow === true || (Array.isArray(allow) && allow.includes(name)) || (options.columns?.includes(name) ?? false);
      if (!allowed) {
        out.push({ kind: 'extra-field', row: index, field: name, path: name, actual: describeValue(record[name]), message: `${at}: field '${name}' is not documented` });
      }
      continue;
    }
    const problem = checkValue(fields[name], record[name]);
    if (problem) {
      const path = `${name}${problem.path}`;
      out.push({
        kind: 'wrong-type',
        row: index,
        field: name,
        path,
        expected: problem.expected,
        actual: problem.actual,
        message: `${at}: field '${path}' should be ${problem.expected}, got ${problem.actual}`,
      });
    }
  }
  return out;
}

export function validateRows(fields: FieldTypes, rows: readonly unknown[], options: ValidateOptions = {}): Violation[] {
  const out: Violation[] = [];
  rows.forEach((row, k) => out.push(...validateRow(fields, row, options, k)));
  return out;
}

export class RowValidationError extends Error {
  override name = 'RowValidationError';
  constructor(
    readonly resource: string,
    readonly violations: Violation[],
  ) {
    const shown = violations.slice(0, 10).map((v) => `  ${v.message}`);
    const more = violations.length > 10 ? [`  … and ${violations.length - 10} more`] : [];
    super(`rows of ${resource} do not match the docs:\n${[...shown, ...more].join('\n')}`);
  }
}

/** A resource's validator, typed by the generated client's Row. */
export interface RowValidator<Row> {
  readonly resource: string;
  readonly fields: FieldTypes;
  validateRow(row: unknown, options?: ValidateOptions, index?: number): Violation[];
  validateRows(rows: readonly unknown[], options?: ValidateOptions): Violation[];
  /** Every documented field present and well typed, nothing undocumented: a whole `Row`. */
  isRow(row: unknown): row is Row;
  /** Throws RowValidationError unless every row's fields are well typed (and `options` hold). */
  assertRows(rows: readonly unknown[], options?: ValidateOptions): asserts rows is Array<Partial<Row>>;
}

export function createRowValidator<Row = Record<string, unknown>>(resource: string, fields: FieldTypes): RowValidator<Row> {
  return {
    resource,
    fields,
    validateRow: (row, options, index) => validateRow(fields, row, options, index),
    validateRows: (rows, options) => validateRows(fields, rows, options),
    isRow: (row): row is Row => validateRow(fields, row, { complete: true, limit: 1 }).length === 0,
    assertRows(rows, options) {
      const violations = validateRows(fields, rows, options);
      if (violations.length > 0) throw new RowValidationError(resource, violations);
    },
  };
}

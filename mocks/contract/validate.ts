/**
 * Row validators at run time: does a row the server answered satisfy the row type the generated
 * client promises? Each resource's validator (`validators/<provider>/<service>/<resource>.js`, typed
 * by the `.d.ts` beside it) holds
 * the model's types as JSON Schema (generator/core/json-schema.ts), compiled by ajv the first time a
 * row is checked (row-check.ts):
 *
 *   import { rowValidator } from './generated/validators/google/cloudidentity/userinvitations.js';
 *   const problems = rowValidator.validateRows(rows);      // [] when the rows match the docs
 *   rowValidator.assertRows(rows);                          // throws RowValidationError otherwise
 *
 * A validator module is one call, `export const { columns, rowValidator } = defineRowValidator(id,
 * schemaJson)`: the schema as JSON text (exactly the data, whatever the field names: an object
 * literal would make a `__proto__` field the prototype), its properties the documented columns.
 *
 * This file adds what a schema of one row cannot say: which columns a statement must return and
 * which extra names are allowed, and turns the compiled check's errors into one line each:
 * `row 0: field 'mailsSentCount' should be a string, got number`.
 */
import { rowCheck, type CheckError, type CompiledCheck } from './row-check.ts';

export { compileRowCheck, newRowCheckAjv, rowCheck, type CheckError, type CompiledCheck } from './row-check.ts';

export type ViolationKind = 'wrong-type' | 'missing-field' | 'extra-field';

export interface Violation {
  kind: ViolationKind;
  /** Index of the row in the answer. */
  row: number;
  /** The field (a top-level column); nested members are in `path`. */
  field: string;
  /** `field` or `field.member[0].x` where the value is. */
  path: string;
  /** What the docs say, e.g. `a string matching ^-?[0-9]+$`. */
  expected?: string;
  /** What the row has, e.g. `number`. */
  actual?: string;
  /** One line, e.g. `row 0: field 'mailsSentCount' should be a string, got number`. */
  message: string;
}

export interface ValidateOptions {
  /** Columns that must be present (the columns the statement asked for). Default: none, unless `complete`. */
  columns?: readonly string[] | undefined;
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

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** How a value is named in a message: `number`, `array`, `null`. */
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

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null',
};

/** What a failed keyword expected, in words. */
function expectedOf(error: CheckError): string {
  const p = error.params;
  switch (error.keyword) {
    case 'type': {
      const types = (Array.isArray(p['type']) ? p['type'] : String(p['type']).split(',')).filter((t) => t !== 'null');
      return types.map((t) => TYPE_WORDS[t] ?? `a ${t}`).join(' or ');
    }
    case 'enum':
      return `one of ${(p['allowedValues'] as unknown[]).filter((v) => v !== null).map(quote).join(', ')}`;
    case 'pattern':
      return `a string matching ${String(p['pattern'])}`;
    case 'additionalProperties':
      return `no member '${String(p['additionalProperty'])}'`;
    default:
      return error.message ?? error.keyword;
  }
}

/** `/a/b/0/c` → ['a', 'b', '0', 'c'] (JSON Pointer, RFC 6901). */
function pointerSteps(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const memberPath = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

/** The violations of one row (`index` is its position in the answer, used in the messages). */
export function validateRow(check: CompiledCheck, columns: readonly string[], row: unknown, options: ValidateOptions = {}, index = 0): Violation[] {
  const out: Violation[] = [];
  const limit = options.limit ?? 50;
  const at = `row ${index}`;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return [{ kind: 'wrong-type', row: index, field: '', path: '', expected: 'an object', actual: describeValue(row), message: `${at} should be an object, got ${describeValue(row)}` }];
  }
  const record = row as Record<string, unknown>;
  const documented = new Set(columns);
  const required = options.complete ? columns : options.columns ?? [];
  for (const name of required) {
    if (out.length >= limit) return out;
    if (!hasOwn(record, name)) {
      out.push({ kind: 'missing-field', row: index, field: name, path: name, message: `${at}: ${documented.has(name) ? 'documented ' : ''}field '${name}' is missing` });
    }
  }
  const allow = options.allowExtra;
  // The check stops at the first error; a column found wrong is left out and the rest checked again.
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    if (documented.has(name)) {
      Object.defineProperty(rest, name, { value: record[name], enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (out.length >= limit) return out;
    const allowed = allow === true || (Array.isArray(allow) && allow.includes(name)) || (options.columns?.includes(name) ?? false);
    if (!allowed) out.push({ kind: 'extra-field', row: index, field: name, path: name, actual: describeValue(record[name]), message: `${at}: field '${name}' is not documented` });
  }
  while (out.length < limit && !check(rest)) {
    const error = check.errors?.[0];
    const steps = pointerSteps(error?.instancePath ?? '');
    const field = steps[0];
    if (!error || field === undefined || !hasOwn(rest, field)) {
      out.push({ kind: 'wrong-type', row: index, field: '', path: '', message: `${at}: ${error?.message ?? 'does not match the docs'}` });
      break;
    }
    let value: unknown = rest;
    for (const s of steps) value = (value as Record<string, unknown>)[s];
    const path = field + steps.slice(1).map((s) => (/^\d+$/.test(s) ? `[${s}]` : memberPath(s))).join('');
    const expected = expectedOf(error);
    const actual = error.keyword === 'enum' || error.keyword === 'pattern' ? (typeof value === 'string' || typeof value === 'number' ? quote(value) : describeValue(value)) : describeValue(value);
    out.push({ kind: 'wrong-type', row: index, field, path, expected, actual, message: `${at}: field '${path}' should be ${expected}, got ${actual}` });
    delete rest[field];
  }
  return out;
}

export function validateRows(check: CompiledCheck, columns: readonly string[], rows: readonly unknown[], options: ValidateOptions = {}): Violation[] {
  const out: Violation[] = [];
  rows.forEach((row, k) => out.push(...validateRow(check, columns, row, options, k)));
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
  /** The documented columns, in the docs' order. */
  readonly columns: readonly string[];
  validateRow(row: unknown, options?: ValidateOptions, index?: number): Violation[];
  validateRows(rows: readonly unknown[], options?: ValidateOptions): Violation[];
  /** Every documented field present and well typed, nothing undocumented: a whole `Row`. */
  isRow(row: unknown): row is Row;
  /** Throws RowValidationError unless every row's fields are well typed (and `options` hold). */
  assertRows(rows: readonly unknown[], options?: ValidateOptions): asserts rows is Array<Partial<Row>>;
}

export function createRowValidator<Row = Record<string, unknown>>(resource: string, columns: readonly string[], check: CompiledCheck): RowValidator<Row> {
  return {
    resource,
    columns,
    validateRow: (row, options, index) => validateRow(check, columns, row, options, index),
    validateRows: (rows, options) => validateRows(check, columns, rows, options),
    isRow: (row): row is Row => validateRow(check, columns, row, { complete: true, limit: 1 }).length === 0,
    assertRows(rows, options) {
      const violations = validateRows(check, columns, rows, options);
      if (violations.length > 0) throw new RowValidationError(resource, violations);
    },
  };
}

/** What a generated validator module exports. */
export interface RowValidatorModule<Row> {
  /** The documented columns, in the docs' order. */
  readonly columns: readonly string[];
  /**
   * Checks rows against the docs: `rowValidator.validateRows(rows)` lists the problems
   * (`row 0: field 'x' should be a string, got number`), `rowValidator.assertRows(rows)` throws.
   */
  readonly rowValidator: RowValidator<Row>;
}

/**
 * A generated validator module's exports, from the row's JSON Schema as JSON text (an object with
 * `properties`, one per documented column, in the docs' order). `columns` is given only where the
 * properties' own order differs (JavaScript lists integer-like keys first).
 */
export function defineRowValidator<Row = Record<string, unknown>>(resource: string, schemaJson: string, columns?: readonly string[]): RowValidatorModule<Row> {
  const schema = JSON.parse(schemaJson) as { properties?: object };
  if (typeof schema !== 'object' || schema === null || typeof schema.properties !== 'object' || schema.properties === null) {
    throw new Error(`the row schema of ${resource} has no properties object`);
  }
  const names = columns ?? Object.keys(schema.properties);
  return { columns: names, rowValidator: createRowValidator<Row>(resource, names, rowCheck(schema, schemaJson)) };
}

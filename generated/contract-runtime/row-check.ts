/**
 * A row check from a row's JSON Schema, compiled by ajv at run time, the first time a row is
 * checked. The generated validator modules hold only the schema as data: compiled at generate time
 * into standalone code they were ~9 KB each (20 MB for the google provider) and half of
 * `generate`'s emit time, while most of them are never used in a given run.
 *
 * ajv compiles with `new Function`: a browser page under a Content-Security-Policy without
 * 'unsafe-eval' cannot use the validators (the mocks and clients do not need them).
 */
import { Ajv } from 'ajv';
import { ROW_CHECK_OPTIONS } from '../core/json-schema.js';

/** An error as ajv reports it (the fields the validators read). */
export interface CheckError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled row check (first error only, see ROW_CHECK_OPTIONS). */
export interface CompiledCheck {
  (row: unknown): boolean;
  errors?: CheckError[] | null;
}

/**
 * An ajv set up as the row schemas are read. The generator has checked every emitted schema
 * against JSON Schema's meta-schema, so this one does not again (that costs compiling the
 * meta-schema's own validator, ~50 ms).
 */
export function newRowCheckAjv(): Ajv {
  return new Ajv({ ...ROW_CHECK_OPTIONS, validateSchema: false });
}

let shared: Ajv | undefined;

/** The schema compiled now (by one ajv for the process unless one is given). */
export function compileRowCheck(schema: object, ajv?: Ajv): CompiledCheck {
  return (ajv ?? (shared ??= newRowCheckAjv())).compile(schema) as CompiledCheck;
}

/**
 * Checks compiled by the shared ajv, by the schema's JSON text: resources with the same row schema
 * (google: 2,170 resources, 1,379 schemas; every `*_iam_policies` resource has one) share one
 * compiled check in a process, as a contract worker that runs hundreds of suites does.
 */
const compiledByText = new Map<string, CompiledCheck>();

/**
 * A check that compiles `schema` the first time it is called, once; its `errors` are the compiled
 * check's. With `text`, the schema's JSON text, a check compiled before from the same text is
 * used instead (the compiled function keeps no state between calls but `errors`, read at once).
 */
export function rowCheck(schema: object, text?: string): CompiledCheck {
  let compiled: CompiledCheck | undefined;
  const compile = (): CompiledCheck => {
    if (text === undefined) return compileRowCheck(schema);
    let found = compiledByText.get(text);
    if (found === undefined) compiledByText.set(text, (found = compileRowCheck(schema)));
    return found;
  };
  const check: CompiledCheck = (row: unknown): boolean => {
    compiled ??= compile();
    const ok = compiled(row);
    check.errors = compiled.errors ?? null;
    return ok;
  };
  return check;
}

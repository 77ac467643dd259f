/**
 * The model against its JSON Schema (model.schema.json, shipped for other tools to use too).
 *
 * ajv compiles the schema into a validator on first use: ~0.25 s of CPU, paid again by every
 * isolate that validates (each worker thread of a run; the main thread of a small one). The
 * compiled package carries that code ready-made instead: `npm run build` writes it with ajv's
 * standalone code generator to dist/generator/model/model-validate.cjs (PREBUILT_VALIDATOR, beside
 * the schema, so that the worker bundle one folder over finds it by the same relative path). It is
 * used only when its key says it was made from this schema by this ajv version with these options
 * (validatorKey); a stale, corrupt or missing one is not trusted: the schema is compiled here, as
 * a run from source always does. The same ajv code either way, so the same answers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import type { Model, Resource } from '../core/model.ts';

// Found from model/ and from any folder beside it: the worker bundle (worker/page-worker.js) holds this module.
export const SCHEMA_URL = new URL('../model/model.schema.json', import.meta.url);
/** Where `npm run build` writes the compiled validators, relative to this module (see above). */
export const PREBUILT_VALIDATOR = '../model/model-validate.cjs';
// discriminator: the expression and statement unions are told apart by their tag, not tried one by one.
const AJV_OPTIONS: Options = { allErrors: false, strict: false, discriminator: true };

export interface Validators {
  whole: ValidateFunction;
  resource: ValidateFunction;
}

const require = createRequire(import.meta.url);

/** What the validators are made from: the schema's text, ajv's version and the options. */
export function validatorKey(schemaText: string): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(schemaText).update('\u0000').update(ajvVersion).update('\u0000').update(JSON.stringify(AJV_OPTIONS)).digest('hex');
}

/** The validators compiled from the schema's text; `source`: keeping their code (ajv standalone). */
export function compileValidators(schemaText: string, source = false): { ajv: Ajv; validators: Validators; ids: Record<keyof Validators, string> } {
  const schema = JSON.parse(schemaText) as { $id: string };
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(source ? { code: { source: true } } : {}) });
  ajv.addSchema(schema);
  const ids = { whole: schema.$id, resource: `${schema.$id}#/definitions/resource` };
  return { ajv, ids, validators: { whole: ajv.getSchema(ids.whole) as ValidateFunction, resource: ajv.getSchema(ids.resource) as ValidateFunction } };
}

/**
 * The prebuilt validators when `file` holds them for `schemaText`, else undefined (no file: a run
 * from source; a key of another schema, ajv or options: a stale build; a module that does not
 * load or lacks a validator: a corrupt one).
 */
export function loadPrebuiltValidators(file: string, schemaText: string): Validators | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const m = require(file) as Partial<Validators> & { key?: unknown };
    if (m.key !== validatorKey(schemaText) || typeof m.whole !== 'function' || typeof m.resource !== 'function') return undefined;
    return { whole: m.whole, resource: m.resource };
  } catch {
    return undefined;
  }
}

let validators: Validators | undefined;

/** The validators, made on first use: prebuilt when a sound prebuilt module is there, else compiled. */
function current(): Validators {
  if (validators) return validators;
  const schemaText = readFileSync(SCHEMA_URL, 'utf8');
  validators = loadPrebuiltValidators(fileURLToPath(new URL(PREBUILT_VALIDATOR, import.meta.url)), schemaText) ?? compileValidators(schemaText).validators;
  return validators;
}

function problemsOf(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Problems as readable lines; [] when the model is valid. */
export function validateModel(model: Model | unknown): string[] {
  return problemsOf(current().whole, model);
}

export function validateResource(resource: Resource | unknown): string[] {
  return problemsOf(current().resource, resource);
}

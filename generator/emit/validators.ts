/**
 * Row validators: each resource's row as JSON Schema (core/json-schema.ts, from the same type
 * references the client's Row is printed from), compiled by ajv here, at generate time, into
 * standalone code, so the generated folder runs without ajv.
 *
 *   validators/<provider>/<service>/<res>.ts   `columns` and `rowValidator`, typed by the client's Row
 *   validators/index.ts                         lazy loaders by resource id, and the validate API
 *
 * The check stops at its first error (`allErrors: false`): the code stays a few lines per column,
 * and the runtime (mocks/contract/validate.ts) checks again without a column it found wrong.
 */
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Model, Resource } from '../core/model.ts';
import { rowSchema } from '../core/json-schema.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom, type ResourceHead } from './layout.ts';
import { propertyKey, tsString } from './names.ts';
import { CONTRACT_RUNTIME_DIR } from './runtime-bundle.ts';
import { render } from './templates.ts';
import { planResource, type ResourcePlan } from './plan.ts';
import { printValue } from './print-value.ts';

/** The columns a row may have: the client Row's members, each with its type. */
export function rowColumns(resource: Resource, plan: ResourcePlan = planResource(resource)) {
  const byName = new Map(resource.fields.map((f) => [f.name, f]));
  return (plan.row ?? []).map((p) => ({ name: p.name, type: byName.get(p.name)?.typeRef ?? { kind: 'unknown' as const } }));
}

/** The JSON Schema of a resource's row, as the validator checks it. */
export function resourceRowSchema(resource: Resource, plan?: ResourcePlan) {
  return rowSchema(rowColumns(resource, plan));
}

// ajv ships CommonJS: under Node's ESM loader the default import is the module object.
type Standalone = (ajv: Ajv, validate: ReturnType<Ajv['compile']>) => string;
const toStandalone: Standalone = ((standaloneCode as unknown as { default?: Standalone }).default ?? standaloneCode) as Standalone;

export function emitValidators(model: Model): EmittedFile[] {
  const paths = layout(model.resources).paths;
  const files = sortById(model.resources).map((resource) => emitValidatorResource(resource, paths.get(resource.id)!));
  files.push(...emitValidatorIndexes(model.resources));
  return files;
}

/**
 * One resource's validator module. A fresh ajv for each: ajv numbers its functions per instance
 * (`validate10`, `validate11`, ...), so a shared one would make a resource's code depend on the
 * resources compiled before it; alone, it can be emitted (and cached) by itself, and memory stays
 * flat. The fresh one skips ajv's own check of the schema against the meta-schema (compiling that
 * validator took 50 ms per instance); one shared instance checks every schema instead.
 */
export function emitValidatorResource(resource: Resource, path: string): EmittedFile {
  return { path: `validators/${path}.ts`, content: emitValidator(newAjv({ validateSchema: false }), resource, path, true) };
}

let metaChecker: Ajv | undefined;

/** The schema against JSON Schema's meta-schema, as ajv checks it on compile: an error is ours. */
function checkAgainstMetaSchema(schema: object, id: string): void {
  metaChecker ??= newAjv();
  if (!metaChecker.validateSchema(schema)) throw new Error(`internal: the row schema of ${id} is not valid JSON Schema: ${metaChecker.errorsText()}`);
}

/** validators/index.ts: a lazy loader per resource id. */
export function emitValidatorIndexes(all: readonly ResourceHead[]): EmittedFile[] {
  const paths = layout(all).paths;
  const loaders = sortById(all).map((r) => ({ key: propertyKey(r.id), path: paths.get(r.id)! }));
  return [{ path: 'validators/index.ts', content: render('validator-index', { runtime: CONTRACT_RUNTIME_DIR, count: loaders.length, loaders }) }];
}

export function newAjv(options: { validateSchema?: boolean } = {}): Ajv {
  // Formats are annotations: the ones with a text form are also patterns (core/json-schema.ts).
  // Own properties only: a row without a `constructor` field must not be checked against Object's.
  return new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: false, strict: false, validateFormats: false, unicodeRegExp: true, ownProperties: true, ...options });
}

export function compileRowCheck(ajv: Ajv, schema: object): string {
  const code = toStandalone(ajv, ajv.compile(schema));
  // The module's own exports are the typed ones of the template: ajv's become a local `check`.
  return code
    .replace(/^"use strict";\s*/, '')
    .replace(/^export const validate = (validate\d+);\s*export default validate\d+;\s*/m, 'const check = $1;\n');
}

function emitValidator(ajv: Ajv, resource: Resource, path: string, metaCheck = false): string {
  const columns = rowColumns(resource);
  const schema = rowSchema(columns);
  if (metaCheck) checkAgainstMetaSchema(schema, resource.id);
  const code = compileRowCheck(ajv, schema);
  if (!code.startsWith('const check = ')) throw new Error(`internal: unexpected ajv standalone output for ${resource.id}`);
  return render('validator', {
    id: safeComment(resource.id),
    idLiteral: tsString(resource.id),
    up: upFrom(path),
    path,
    runtime: CONTRACT_RUNTIME_DIR,
    columns: printValue(columns.map((c) => c.name), '', 100),
    code: code.trimEnd(),
  });
}

export function safeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/[\r\n]+/g, ' ');
}

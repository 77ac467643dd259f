/**
 * Row validators: each resource's row as JSON Schema (core/json-schema.ts, from the same type
 * references the client's Row is printed from), written as data; the hand-written runtime
 * (mocks/contract/row-check.ts) compiles it with ajv the first time a row is checked.
 *
 *   validators/<provider>/<service>/<res>.js   `columns` and `rowValidator`: one call,
 *                                              defineRowValidator(id, schema as JSON text)
 *   validators/<provider>/<service>/<res>.d.ts their types, the rows the client's Row
 *   validators/index.ts                         lazy loaders by resource id, and the validate API
 *
 * Compiled here into standalone code instead, the validators were ~9 KB per resource (20 MB of a
 * whole google provider's output) and half of generate's emit time, for checks most runs never make.
 *
 * JavaScript and a declaration file, not TypeScript: a module that needs no transform can be
 * imported as it is, and the contract config (vitest-deps.ts) has vitest do so, where a `.ts`
 * validator cost vitest's main process a transform per suite (a third of its modules).
 */
import { Ajv } from 'ajv';
import type { Model, Resource } from '../core/model.ts';
import { ROW_CHECK_OPTIONS, rowSchema } from '../core/json-schema.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom, type ResourceHead } from './layout.ts';
import { propertyKey, tsString } from '../core/ts-names.ts';
import { CONTRACT_RUNTIME_DIR } from './runtime-bundle.ts';
import { finish, render } from './templates.ts';
import { planResource, type ResourcePlan } from '../core/plan.ts';
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

export function emitValidators(model: Model): EmittedFile[] {
  const paths = layout(model.resources).paths;
  const files = sortById(model.resources).flatMap((resource) => emitValidatorResource(resource, paths.get(resource.id)!));
  files.push(...emitValidatorIndexes(model.resources));
  return files;
}

/**
 * One resource's validator module and its types: a function of the resource alone, so it is
 * emitted (and cached) by itself.
 */
export function emitValidatorResource(resource: Resource, path: string): EmittedFile[] {
  const view = { id: safeComment(resource.id), up: upFrom(path), path, name: path.slice(path.lastIndexOf('/') + 1), runtime: CONTRACT_RUNTIME_DIR };
  return [
    { path: `validators/${path}.js`, content: emitValidator(resource, view) },
    { path: `validators/${path}.d.ts`, content: finish(render('validator-types', view)) },
  ];
}

let metaChecker: Ajv | undefined;

/**
 * The schema against JSON Schema's meta-schema, as ajv checks it on compile: an error is ours, and
 * found here the runtime need not check again (it skips that, see row-check.ts).
 */
function checkAgainstMetaSchema(schema: object, id: string): void {
  metaChecker ??= new Ajv(ROW_CHECK_OPTIONS);
  if (!metaChecker.validateSchema(schema)) throw new Error(`internal: the row schema of ${id} is not valid JSON Schema: ${metaChecker.errorsText()}`);
}

/** validators/index.ts: a lazy loader per resource id. */
export function emitValidatorIndexes(all: readonly ResourceHead[]): EmittedFile[] {
  const paths = layout(all).paths;
  const loaders = sortById(all).map((r) => ({ key: propertyKey(r.id), path: paths.get(r.id)! }));
  return [{ path: 'validators/index.ts', content: render('validator-index', { runtime: CONTRACT_RUNTIME_DIR, count: loaders.length, loaders }) }];
}

function emitValidator(resource: Resource, view: { id: string; up: string; path: string; name: string; runtime: string }): string {
  const columns = rowColumns(resource);
  const schema = rowSchema(columns);
  checkAgainstMetaSchema(schema, resource.id);
  // JSON text, parsed at load: an object literal would make a `__proto__` field the prototype.
  const json = JSON.stringify(schema);
  // The runtime reads the columns off the schema's properties (defineRowValidator); given only where
  // their own order differs (integer-like names come first in JavaScript) or a name repeats.
  const names = columns.map((c) => c.name);
  const derived = Object.keys((JSON.parse(json) as { properties: object }).properties);
  const same = derived.length === names.length && derived.every((n, i) => n === names[i]);
  return render('validator', {
    ...view,
    idLiteral: tsString(resource.id),
    schema: tsString(json),
    columns: same ? '' : printValue(names, '', Number.POSITIVE_INFINITY),
  });
}

export function safeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/[\r\n]+/g, ' ');
}

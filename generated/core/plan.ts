/**
 * What the client of one resource is: its row type, and per documented method the arguments (names,
 * types, which are required) and the descriptor the runtime renders the statement from. All the
 * decisions live here, as plain data; the templates only print the result.
 *
 * How a method's statement is decided:
 *  1. From the docs' own example for that method (same verb, same resource): its column naming
 *     (`data__x` or plain), its parameter placement (WHERE, INSERT columns, SET, `@name`, `@@json`
 *     keys), its label hint (`/*+ create *\/`), its SELECT and RETURNING columns. Parameters of the
 *     method that the example leaves out are added after the example's own, required ones first.
 *  2. Without a usable example, from the method: required then optional parameters, each where its
 *     verb puts parameters; a required parameter that resolves to the request body goes in the
 *     body (INSERT columns, SET, `@@json`) under its name (`data__x` as written, or plain); SELECT
 *     and DELETE have no body, so there it stays a WHERE predicate (as the AWS pages write
 *     `WHERE data__Identifier = '…'`). An INSERT, UPDATE or REPLACE whose parameters name no body
 *     field takes the manifest's top-level properties as optional body columns.
 *
 * Argument names: the example's placeholder (`'{{ email }}'` for column `data__email` gives
 * `email`); where the example has a literal instead, or there is no example, the column name as
 * written. Slots with the same placeholder share one argument, as they do in the docs.
 */
import type { Example, Method, Resource, Verb } from './model.js';
import type { Statement } from './sql/ast.js';
import type { MethodDescriptor } from './descriptor.js';
import { NameAllocator, docText, pascalCase, safeMemberName } from './ts-names.js';
import { UNKNOWN, type TsProp, fieldType, nullable } from './ts-types.js';
import { addManifestBody, addMissingParams, argumentsOf, slotsFromExample, type ArgPlan } from './plan-slots.js';
import { describe, isStar, plainColumns, type Draft } from './plan-descriptor.js';
import { exampleStatement } from './example-statement.js';

export type { ArgPlan } from './plan-slots.js';
export { markPlaceholders } from './plan-slots.js';
export { hintsOf } from './plan-descriptor.js';


export interface SelectPlan {
  /** Every column the method can return (keys of Row). */
  columns: string[];
  /** Columns returned when the caller names none (the example's); null means all of `columns`. */
  defaults: string[] | null;
}

export interface MethodPlan {
  /** The method's member name on the client (a safe identifier, unique on the page). */
  key: string;
  /** Prefix of the method's type names: `Get` → GetArgs, GetRow. */
  typeName: string;
  method: Method;
  descriptor: Draft<MethodDescriptor>;
  args: ArgPlan[];
  select?: SelectPlan;
  /** Line of the docs' example the statement follows, when it follows one. */
  exampleLine?: number;
}

export interface ResourcePlan {
  resource: Resource;
  /** Row members (all fields, plus columns that only an example names); null when the page lists none. */
  row: TsProp[] | null;
  methods: MethodPlan[];
}

export const RESERVED_TYPE_NAMES = ['Row', 'Methods', 'ResourceDescriptor', 'resource'];

export function planResource(resource: Resource): ResourcePlan {
  // `then` would make a bound resource look like a promise to `await`.
  const members = new NameAllocator(['then']);
  const typeNames = new NameAllocator(RESERVED_TYPE_NAMES, { caseInsensitive: true });
  const rowProps = new Map<string, TsProp>();
  for (const field of resource.fields) {
    if (rowProps.has(field.name)) continue;
    const type = fieldType(field);
    rowProps.set(field.name, { name: field.name, type: nullable(type), optional: false, doc: fieldDoc(field.description, field.rawType) });
  }
  // Columns only an example names are columns too, of a type the page does not give.
  for (const e of resource.examples) {
    const st = e.target ? undefined : exampleStatement(e);
    if (!st || !sameTarget(st, resource)) continue;
    for (const name of exampleColumnsOf(st) ?? []) {
      if (!rowProps.has(name)) rowProps.set(name, { name, type: UNKNOWN, optional: false });
    }
  }
  const openRow = rowProps.size === 0;

  const methods = resource.methods.map((method): MethodPlan => {
    const key = members.take(safeMemberName(method.name));
    // Args and Row names share the base, so both suffixes must be free: allocate the base.
    let typeName = pascalCase(key);
    while (typeNames.has(`${typeName}Args`) || typeNames.has(`${typeName}Row`)) typeName = typeNames.take(typeName, '');
    typeNames.take(`${typeName}Args`);
    typeNames.take(`${typeName}Row`);

    const example = exampleFor(resource, method);
    const drafts = example ? slotsFromExample(resource, method, exampleStatement(example)!) : [];
    addMissingParams(resource, method, drafts);
    if (!example) addManifestBody(resource, method, drafts);
    const args = argumentsOf(resource, method, drafts);
    const descriptor = describe(method, example, drafts, args);
    if (descriptor.name === key) delete descriptor.name;

    const plan: MethodPlan = { key, typeName, method, descriptor, args };
    if (example) plan.exampleLine = example.line;
    if (method.verb === 'select') {
      const { plan: select, render } = selectPlan(resource, method, example && exampleStatement(example), rowProps, openRow);
      plan.select = select;
      if (render) descriptor.columns = render;
    }
    return plan;
  });

  return { resource, row: openRow ? null : [...rowProps.values()], methods };
}

function fieldDoc(description: string, rawType: string): string | undefined {
  const text = docText(description, 200);
  const type = /\(([^)]+)\)\s*$/.exec(rawType)?.[1];
  const doc = type && !text.includes(type) ? `${text}${text ? ' ' : ''}(${type})` : text;
  return doc || undefined;
}

// --- examples -------------------------------------------------------------------------------

const VARIANT_RANK: Record<string, number> = { all: 0, resource: 1 };

/** The docs' example for this method: same name, same verb family, this resource, parsed. */
export function exampleFor(resource: Resource, method: Method): Example | undefined {
  const family = (verb: Verb) => (verb === 'replace' ? 'update' : verb);
  const candidates = resource.examples.filter(
    (e) => {
      if (e.method !== method.name || e.target) return false;
      const st = exampleStatement(e);
      return st !== undefined && st.kind !== 'show' && st.kind !== 'describe' && family(st.kind) === family(method.verb) && sameTarget(st, resource);
    },
  );
  const rank = (e: Example) => (e.variant === undefined || e.variant === method.name ? 0.5 : VARIANT_RANK[e.variant] ?? 2);
  return candidates.sort((a, b) => rank(a) - rank(b) || a.line - b.line)[0];
}

function sameTarget(statement: Statement, resource: Resource): boolean {
  if (statement.kind === 'show' || statement.kind === 'describe') return false;
  const parts = statement.target.parts.slice(0, 3).map((p) => p.toLowerCase());
  return parts.join('.') === resource.id.toLowerCase();
}

// --- SELECT columns ----------------------------------------------------------------------------

function exampleColumnsOf(statement: Statement | undefined): string[] | undefined {
  if (statement?.kind !== 'select' || isStar(statement.columns)) return undefined;
  const columns = plainColumns(statement.columns);
  return columns && columns.length > 0 ? [...new Set(columns)] : undefined;
}

/**
 * The columns a SELECT method can return (its field set, else every field) and the ones it asks
 * for by default: the example's list as written, `*` when the example says `*`, and the field set
 * when there is no example or its columns are expressions.
 */
function selectPlan(
  resource: Resource,
  method: Method,
  statement: Statement | undefined,
  rowProps: Map<string, TsProp>,
  openRow: boolean,
): { plan: SelectPlan; render: string[] | undefined } {
  if (openRow) return { plan: { columns: [], defaults: null }, render: undefined };
  const set =
    resource.fieldSets.find((fs) => fs.method === method.name) ??
    (resource.fieldSets.length > 1 ? resource.fieldSets.find((fs) => fs.label === resource.name || fs.method === 'resource') : undefined);
  const columns = set ? [...new Set(set.fields.filter((f) => rowProps.has(f)))] : [...rowProps.keys()];
  const exampleColumns = exampleColumnsOf(statement);
  if (exampleColumns) {
    for (const name of exampleColumns) if (!columns.includes(name)) columns.push(name);
    const all = exampleColumns.length === columns.length;
    return { plan: { columns, defaults: all ? null : exampleColumns }, render: exampleColumns };
  }
  if (statement?.kind === 'select' && isStar(statement.columns)) return { plan: { columns, defaults: null }, render: undefined };
  return { plan: { columns, defaults: null }, render: columns.length > 0 ? columns : undefined };
}


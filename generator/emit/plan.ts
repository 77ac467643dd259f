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
import type { Example, Method, Resource, Verb } from '../core/model.ts';
import type { Expr, Literal, Predicate, SelectColumn, Statement } from '../core/sql/ast.ts';
import type { MethodDescriptor, Slot } from '../runtime/resource-client.ts';
import { NameAllocator, docText, pascalCase, safeMemberName } from './names.ts';
import { findByName, manifestProps } from '../core/names.ts';
import {
  BOOLEAN,
  NUMBER,
  SCALAR,
  STRING,
  UNKNOWN,
  type TsProp,
  type TsType,
  fieldType,
  jsonSampleType,
  manifestType,
  nullable,
  paramType,
} from './ts-types.ts';

export interface ArgPlan {
  key: string;
  type: TsType;
  required: boolean;
  /** A parameter of the API call, or a field of its request body. */
  kind: 'param' | 'body';
}

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

type Draft<T> = { -readonly [K in keyof T]: T[K] };

type Place = 'where' | 'values' | 'set' | 'args' | 'json';

interface SlotDraft {
  place: Place;
  column: string;
  key: string;
  /** Where the value goes: a parameter of the API call or a request-body field. */
  kind: 'param' | 'body';
  /** A type the example itself implies (`@@json` templates), used before any lookup. */
  type?: TsType;
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
    if (e.target || !e.statement || !sameTarget(e.statement, resource)) continue;
    for (const name of exampleColumnsOf(e.statement) ?? []) {
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
    const drafts = example ? slotsFromExample(resource, method, example.statement!) : [];
    addMissingParams(resource, method, drafts);
    if (!example) addManifestBody(resource, method, drafts);
    const args = argumentsOf(resource, method, drafts);
    const descriptor = describe(method, example, drafts, args);
    if (descriptor.name === key) delete descriptor.name;

    const plan: MethodPlan = { key, typeName, method, descriptor, args };
    if (example) plan.exampleLine = example.line;
    if (method.verb === 'select') {
      const { plan: select, render } = selectPlan(resource, method, example?.statement, rowProps, openRow);
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
    (e) =>
      e.method === method.name &&
      !e.target &&
      e.statement !== undefined &&
      e.statement.kind !== 'show' &&
      e.statement.kind !== 'describe' &&
      family(e.statement.kind) === family(method.verb) &&
      sameTarget(e.statement, resource),
  );
  const rank = (e: Example) => (e.variant === undefined || e.variant === method.name ? 0.5 : VARIANT_RANK[e.variant] ?? 2);
  return candidates.sort((a, b) => rank(a) - rank(b) || a.line - b.line)[0];
}

function sameTarget(statement: Statement, resource: Resource): boolean {
  if (statement.kind === 'show' || statement.kind === 'describe') return false;
  const parts = statement.target.parts.slice(0, 3).map((p) => p.toLowerCase());
  return parts.join('.') === resource.id.toLowerCase();
}

function placeholderOf(value: Literal | Expr | undefined): string | undefined {
  if (!value) return undefined;
  const literal: Literal | undefined = 'type' in value && value.type === 'literal' ? value.value : (value as Literal);
  if (literal && literal.type === 'placeholder' && literal.name.trim() !== '') return literal.name.trim();
  return undefined;
}

function isParam(resource: Resource, method: Method, column: string): boolean {
  if (column.startsWith('data__')) return false;
  if (method.requiredParams.includes(column)) return method.requiredParamsResolved[method.requiredParams.indexOf(column)] !== 'body';
  return method.optionalParams.includes(column) || resource.params.some((p) => p.name === column && p.origin === 'table');
}

function slotsFromExample(resource: Resource, method: Method, statement: Statement): SlotDraft[] {
  const slots: SlotDraft[] = [];
  const add = (place: Place, column: string, value: Literal | Expr | undefined, kind: 'param' | 'body') =>
    slots.push({ place, column, key: placeholderOf(value) ?? column, kind });
  const predicates = (where: Predicate[]) => {
    for (const p of where) {
      if (p.name && (p.op === undefined || p.op === '=') && p.value) add('where', p.name, p.value, 'param');
    }
  };
  switch (statement.kind) {
    case 'select':
    case 'delete':
      predicates(statement.where);
      break;
    case 'insert':
      for (const v of statement.values) add('values', v.column, v.value, isParam(resource, method, v.column) ? 'param' : 'body');
      break;
    case 'update':
    case 'replace':
      for (const a of statement.set) add('set', a.column, a.value, isParam(resource, method, a.column) ? 'param' : 'body');
      predicates(statement.where);
      break;
    case 'exec':
      for (const a of statement.args) add('args', a.name, a.value, 'param');
      if (statement.json) slots.push(...jsonSlots(resource, statement.json, slots));
      break;
    default:
      break;
  }
  return slots;
}

const QUOTED_MARK = '\u0000q:';
const BARE_MARK = '\u0000b:';

/**
 * The keys of an `@@json` template: `'{ "a": "{{ a }}", "n": {{ n }} }'` gives `a` (a string: the
 * docs quote it) and `n` (bare: a number, boolean, object or array; typed from the field of that
 * name when there is one). A template that is not a JSON object becomes one `json` argument.
 */
function jsonSlots(resource: Resource, json: Literal, existing: SlotDraft[]): SlotDraft[] {
  let text: string | undefined;
  if (json.type === 'template' || json.type === 'string') text = json.value;
  else if (json.type === 'placeholder' && json.name.trim() !== '') {
    return [{ place: 'json', column: '', key: json.name.trim(), kind: 'body', type: UNKNOWN }];
  }
  let parsed: unknown;
  if (text !== undefined) {
    try {
      parsed = JSON.parse(markPlaceholders(text));
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const taken = new NameAllocator(existing.map((s) => s.key));
    return [{ place: 'json', column: '', key: taken.take('json'), kind: 'body', type: UNKNOWN }];
  }
  const fieldTypeOf = (name: string): TsType | undefined => {
    const field = findByName(resource.fields, name);
    return field ? fieldType(field) : undefined;
  };
  return Object.entries(parsed as Record<string, unknown>).map(([name, value]): SlotDraft => {
    if (typeof value === 'string' && value.startsWith(QUOTED_MARK)) {
      return { place: 'json', column: name, key: value.slice(QUOTED_MARK.length) || name, kind: 'body', type: STRING };
    }
    if (typeof value === 'string' && value.startsWith(BARE_MARK)) {
      return { place: 'json', column: name, key: value.slice(BARE_MARK.length) || name, kind: 'body', type: fieldTypeOf(name) ?? UNKNOWN };
    }
    const type = jsonSampleType(value, (s) => (s.startsWith(QUOTED_MARK) ? STRING : s.startsWith(BARE_MARK) ? UNKNOWN : undefined));
    return { place: 'json', column: name, key: name, kind: 'body', type };
  });
}

/**
 * A JSON template made JSON: `"{{ x }}"` (a whole string) becomes a quoted marker, a bare `{{ x }}`
 * a bare marker; placeholders inside longer strings (`"projects/{{ p }}"`) stay text.
 */
export function markPlaceholders(text: string): string {
  let out = '';
  let k = 0;
  while (k < text.length) {
    const c = text[k];
    if (c === '"') {
      let end = k + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const literal = text.slice(k, end + 1);
      const whole = /^"\{\{\s*([^{}]*?)\s*\}\}"$/.exec(literal);
      out += whole ? JSON.stringify(QUOTED_MARK + whole[1]) : literal;
      k = end + 1;
    } else if (c === '{' && text[k + 1] === '{') {
      const end = text.indexOf('}}', k + 2);
      if (end === -1) return text;
      out += JSON.stringify(BARE_MARK + text.slice(k + 2, end).trim());
      k = end + 2;
    } else {
      out += c;
      k++;
    }
  }
  return out;
}

// --- parameters the example leaves out, or all of them when there is no example -------------

function addMissingParams(resource: Resource, method: Method, slots: SlotDraft[]): void {
  const present = (column: string) =>
    slots.some((s) => s.column === column || (s.place === 'json' && `data__${s.column}` === column));
  const wanted: Array<{ name: string; body: boolean }> = [
    ...method.requiredParams.map((name, k) => ({ name, body: method.requiredParamsResolved[k] === 'body' })),
    ...method.optionalParams.map((name) => ({ name, body: false })),
  ];
  for (const { name, body } of wanted) {
    if (present(name)) continue;
    const kind = body ? 'body' : 'param';
    switch (method.verb) {
      case 'select':
      case 'delete':
        slots.push({ place: 'where', column: name, key: name, kind: 'param' });
        break;
      case 'insert':
        slots.push({ place: 'values', column: name, key: name, kind });
        break;
      case 'update':
      case 'replace':
        slots.push({ place: body ? 'set' : 'where', column: name, key: name, kind });
        break;
      case 'exec':
        if (body) slots.push({ place: 'json', column: name.replace(/^data__/, ''), key: name, kind });
        else slots.push({ place: 'args', column: name, key: name, kind });
        break;
    }
  }
}

/**
 * Without an example, an INSERT, UPDATE or REPLACE whose parameters name no body field still takes
 * the request body the manifest lists (its top-level properties that are not parameters), all
 * optional, named the way this page's other examples name body columns (`data__x` when any does;
 * plain otherwise).
 */
function addManifestBody(resource: Resource, method: Method, slots: SlotDraft[]): void {
  if (method.verb !== 'insert' && method.verb !== 'update' && method.verb !== 'replace') return;
  const props = manifestProps(resource.manifest);
  // A method whose required parameters already name its body (AWS: data__PatchDocument) keeps to them.
  if (props.length === 0 || slots.some((s) => s.kind === 'body')) return;
  const params = new Set([...method.requiredParams, ...method.optionalParams, ...resource.params.map((p) => p.name)]);
  const prefix = usesDataPrefix(resource, method) ? 'data__' : '';
  const place: Place = method.verb === 'insert' ? 'values' : 'set';
  const taken = new Set(slots.map((s) => s.key));
  for (const prop of props) {
    const column = prefix + prop.name;
    if (/^\[\d+\]$/.test(prop.name) || params.has(prop.name) || params.has(column) || taken.has(prop.name)) continue;
    if (slots.some((s) => s.column === column)) continue;
    taken.add(prop.name);
    slots.push({ place, column, key: prefix ? prop.name : column, kind: 'body' });
  }
}

function usesDataPrefix(resource: Resource, method: Method): boolean {
  for (const e of resource.examples) {
    const st = e.statement;
    if (!st || e.target) continue;
    const columns = st.kind === 'insert' ? st.columns : st.kind === 'update' || st.kind === 'replace' ? st.set.map((a) => a.column) : [];
    if (columns.some((c) => c.startsWith('data__'))) return true;
    if (columns.some((c) => !isParam(resource, method, c))) return false;
  }
  return method.requiredParams.some((name, k) => name.startsWith('data__') && method.requiredParamsResolved[k] === 'body');
}

// --- arguments and their types ----------------------------------------------------------------

function isRequired(method: Method, slot: SlotDraft): boolean {
  const names = slot.place === 'json' ? [slot.column, `data__${slot.column}`, slot.key] : [slot.column];
  return names.some((n) => method.requiredParams.includes(n));
}

function slotType(resource: Resource, slot: SlotDraft): TsType {
  if (slot.type) return slot.type;
  const param = resource.params.find((p) => p.name === slot.column);
  if (slot.kind === 'param' || slot.place === 'where' || slot.place === 'args') {
    if (param && param.typeRef.kind !== 'unknown') return paramType(param);
    // A parameter known only by name, or a predicate on a body-resolved name (`data__Identifier`):
    // a scalar field of the same name says its type.
    const field = resource.fields.find((f) => f.name === slot.column) ?? findByName(resource.fields, slot.column);
    const type = field ? fieldType(field) : undefined;
    return type && isScalar(type) ? type : SCALAR;
  }
  const base = slot.column.replace(/^data__/, '');
  const field = resource.fields.find((f) => f.name === base) ?? findByName(resource.fields, base);
  const node = findByName(manifestProps(resource.manifest), base);
  if (field) return fieldType(field);
  if (node) return manifestType(node);
  return param ? paramType(param) : UNKNOWN;
}

function isScalar(type: TsType): boolean {
  return type === STRING || type === NUMBER || type === BOOLEAN || (type.kind === 'ref' && /^'/.test(type.text));
}

function argumentsOf(resource: Resource, method: Method, slots: SlotDraft[]): ArgPlan[] {
  const args = new Map<string, ArgPlan>();
  for (const slot of slots) {
    const required = isRequired(method, slot);
    const existing = args.get(slot.key);
    if (existing) existing.required ||= required;
    else args.set(slot.key, { key: slot.key, type: slotType(resource, slot), required, kind: slot.kind });
  }
  return [...args.values()];
}

// --- descriptor -------------------------------------------------------------------------------

const toSlot = (s: SlotDraft): Slot => (s.column === s.key ? s.column : [s.column, s.key]);

function describe(method: Method, example: Example | undefined, slots: SlotDraft[], args: ArgPlan[]): Draft<MethodDescriptor> {
  const statement = example?.statement;
  const { hint, directives } = example ? hintsOf(example.sql) : { hint: undefined, directives: [] };
  const of = (place: Place) => slots.filter((s) => s.place === place).map(toSlot);
  const d: Draft<MethodDescriptor> = { verb: method.verb, name: method.name };
  if (method.verb === 'exec' && statement?.kind === 'exec' && statement.target.parts.length === 4) {
    d.name = statement.target.parts[3];
  }
  if (hint) d.hint = hint;
  if (directives.length > 0) d.directives = directives;
  const jsonWhole = slots.find((s) => s.place === 'json' && s.column === '');
  for (const place of ['where', 'values', 'set', 'args', 'json'] as const) {
    if (place === 'json' && jsonWhole) continue;
    const list = of(place);
    if (list.length > 0) d[place] = list;
  }
  if (jsonWhole) d.body = jsonWhole.key;
  const returning = statement && 'returning' in statement ? plainColumns(statement.returning) : undefined;
  if (returning && returning.length > 0) d.returning = returning;
  const required = args.filter((a) => a.required).map((a) => a.key);
  if (required.length > 0) d.required = required;
  return d;
}

/** Plain column names, or undefined when any column is an expression, an alias or `*`. */
function plainColumns(columns: SelectColumn[]): string[] | undefined {
  const names: string[] = [];
  for (const c of columns) {
    if (c.expr.type !== 'column' || c.expr.table !== undefined || c.alias !== undefined) return undefined;
    names.push(c.expr.name);
  }
  return names;
}

const isStar = (columns: SelectColumn[]) => columns.some((c) => c.expr.type === 'star');

/**
 * The docs write `/*+ create *\/` before the verb (a label StackQL ignores) and query directives
 * such as `/*+ AWAIT *\/` after it. The parsed statement merges both, so they are told apart here
 * by where they stand in the example's text.
 */
export function hintsOf(sql: string): { hint: string | undefined; directives: string[] } {
  const labels: string[] = [];
  const directives: string[] = [];
  const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  const valid = /^[A-Za-z_][A-Za-z0-9_]*$/;
  // String literals may contain anything, `/*+` included: blank them out first.
  const masked = sql.replace(/'(?:[^']|'')*'?/g, (text) => ' '.repeat(text.length));
  for (const m of masked.matchAll(/\/\*\+([\s\S]*?)\*\//g)) {
    const before = masked
      .slice(0, m.index)
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/--[^\n]*/g, ' ');
    const list = words(m[1]).filter((w) => valid.test(w));
    if (/\b(select|insert|update|replace|delete|exec)\b/i.test(before)) directives.push(...list);
    else labels.push(...list);
  }
  return { hint: labels.length > 0 ? labels.join(' ') : undefined, directives };
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

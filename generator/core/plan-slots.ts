/**
 * A method's slots and arguments: where each value of the statement goes (WHERE, INSERT columns,
 * SET, `@params`, `@@json` keys), read off the docs' example or derived from the method's params
 * and the manifest, and the typed arguments they make. See plan.ts for the rules.
 */
import type { Method, Resource } from './model.ts';
import type { Expr, Literal, Predicate, Statement } from './sql/ast.ts';
import { NameAllocator } from './ts-names.ts';
import { findByName, manifestProps } from './names.ts';
import { BOOLEAN, NUMBER, SCALAR, STRING, UNKNOWN, type TsType, fieldType, jsonSampleType, manifestType, paramType } from './ts-types.ts';
import { exampleStatement } from './example-statement.ts';
import { rewriteJsonTemplate } from './json-template.ts';

export interface ArgPlan {
  key: string;
  type: TsType;
  required: boolean;
  /** A parameter of the API call, or a field of its request body. */
  kind: 'param' | 'body';
}

export type Place = 'where' | 'values' | 'set' | 'args' | 'json';

export interface SlotDraft {
  place: Place;
  column: string;
  key: string;
  /** Where the value goes: a parameter of the API call or a request-body field. */
  kind: 'param' | 'body';
  /** A type the example itself implies (`@@json` templates), used before any lookup. */
  type?: TsType;
}


function placeholderOf(value: Literal | Expr | undefined): string | undefined {
  if (!value) return undefined;
  const literal: Literal | undefined = 'type' in value && value.type === 'literal' ? value.value : (value as Literal);
  if (literal && literal.type === 'placeholder' && literal.name.trim() !== '') return literal.name.trim();
  return undefined;
}

export function isParam(resource: Resource, method: Method, column: string): boolean {
  if (column.startsWith('data__')) return false;
  if (method.requiredParams.includes(column)) return method.requiredParamsResolved[method.requiredParams.indexOf(column)] !== 'body';
  return method.optionalParams.includes(column) || resource.params.some((p) => p.name === column && p.origin === 'table');
}

export function slotsFromExample(resource: Resource, method: Method, statement: Statement): SlotDraft[] {
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
  return rewriteJsonTemplate(
    text,
    (literal) => {
      const whole = /^"\{\{\s*([^{}]*?)\s*\}\}"$/.exec(literal);
      return whole ? JSON.stringify(QUOTED_MARK + whole[1]) : literal;
    },
    (name) => JSON.stringify(BARE_MARK + name),
  );
}

// --- parameters the example leaves out, or all of them when there is no example -------------

export function addMissingParams(resource: Resource, method: Method, slots: SlotDraft[]): void {
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
export function addManifestBody(resource: Resource, method: Method, slots: SlotDraft[]): void {
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
    const st = exampleStatement(e);
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

export function argumentsOf(resource: Resource, method: Method, slots: SlotDraft[]): ArgPlan[] {
  const args = new Map<string, ArgPlan>();
  for (const slot of slots) {
    const required = isRequired(method, slot);
    const existing = args.get(slot.key);
    if (existing) existing.required ||= required;
    else args.set(slot.key, { key: slot.key, type: slotType(resource, slot), required, kind: slot.kind });
  }
  return [...args.values()];
}


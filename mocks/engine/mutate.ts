/**
 * INSERT, UPDATE, REPLACE and DELETE against the store.
 *
 * Columns: `data__x` is body field x (matched to a field by name, ignoring case, `_` and `-`, so
 * `data__CpuCount` fills `cpu_count`); a plain name is a scope or key param (identity.ts), another
 * param (a body param when the method says so, otherwise sent to the API and not stored), or a
 * field / manifest property / column the page's own examples write (the model has no request
 * schema, so the documented examples stand for it); anything else, `data__x` included, is an
 * unknown column (400, naming it). Values are coerced to the field's
 * type: JSON text for objects and arrays is parsed, numbers and booleans from their text.
 *
 * Everything is checked before the store is touched, and the store journals every change, so a
 * failing statement changes nothing.
 */
import type { InsertStatement, Predicate, SelectColumn, UpdateStatement, DeleteStatement } from '../../generator/core/sql/index.ts';
import type { Field, Method, Verb } from '../../generator/core/model.ts';
import type { ResourceInfo } from './catalog.ts';
import { errors } from './errors.ts';
import { evaluateValues } from './evaluate.ts';
import { normalizeName } from '../../generator/core/names.ts';
import { coerceToType } from '../../generator/core/types.ts';
import { fakeField, fakeRow, nameGenerator } from './fake-data.ts';
import { hashParts, rng } from './random.ts';
import { chooseMethod, forEachColumn, literalText, predicateName } from './resolve.ts';
import { project, starColumns, validateColumns, type ExecContext, type Projection, type Source } from './select.ts';
import type { Match } from './store.ts';
import type { Row } from './types.ts';

/** The value given for a param, accepting `data__x` for `x` and the reverse. */
function givenFor(values: ReadonlyMap<string, unknown>, param: string): unknown {
  if (values.has(param)) return values.get(param);
  if (param.startsWith('data__')) return values.get(param.slice(6));
  return values.get(`data__${param}`);
}

/** A column's name without its `data__` prefix. */
function withoutDataPrefix(column: string): string {
  return column.startsWith('data__') ? column.slice(6) : column;
}

/** A written value as the text a param gets (objects as JSON); undefined for NULL. */
function valueText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The field (or manifest property) a body column writes, or undefined. */
export function bodyField(info: ResourceInfo, column: string): string | undefined {
  const name = withoutDataPrefix(column);
  if (info.fieldByName.has(name)) return name;
  const normal = normalizeName(name);
  return info.fieldByNormal.get(normal) ?? info.manifest.get(normal)?.name;
}

function isBodyParam(info: ResourceInfo, method: Method, name: string): boolean {
  const i = method.requiredParams.indexOf(name);
  if (i >= 0 && method.requiredParamsResolved?.[i] === 'body') return true;
  return info.params.get(name)?.in === 'body';
}

/** A value as the field's type wants it. */
export function coerce(field: Field | undefined, value: unknown): unknown {
  return coerceToType(field?.typeRef, value);
}

/** Where each written column goes. */
interface Written {
  scope: (string | null)[];
  key: (string | undefined)[];
  body: Row;
  /** Params given (all of them, as text): shown as columns by RETURNING. */
  params: Map<string, string>;
}

/** Where `column` (or `data__column`) is in a list of identity params; -1 when not. */
function identityIndex(params: readonly string[], column: string): number {
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === column || (p.length === column.length + 6 && p.startsWith('data__') && p.endsWith(column))) return i;
  }
  return -1;
}

function classify(info: ResourceInfo, method: Method, values: ReadonlyMap<string, unknown>, identityAllowed: boolean): Written {
  const { identity } = info;
  const written: Written = { scope: identity.scope.map(() => null), key: identity.key.map(() => undefined), body: {}, params: new Map() };
  for (const [column, value] of values) {
    // `data__cloud` is the body's cloud, not the `cloud` param (both are often given); but a key
    // param that is itself named data__x (data__Identifier) may be written as x.
    const scopeIndex = identityAllowed ? identityIndex(identity.scope, column) : -1;
    const keyIndex = identityAllowed ? identityIndex(identity.key, column) : -1;
    if (scopeIndex >= 0 || keyIndex >= 0) {
      const text = valueText(value);
      if (text === undefined) continue;
      if (scopeIndex >= 0) written.scope[scopeIndex] = text;
      else written.key[keyIndex] = text;
      written.params.set(column, text);
      continue;
    }
    if (column.startsWith('data__') || (info.params.has(column) && isBodyParam(info, method, column))) {
      // A body column must be something the docs know: a field, a manifest property, a param or a column their examples write.
      const known = bodyField(info, column);
      if (known === undefined && !info.openRow && !info.params.has(column) && !info.documentedColumns.has(column)) throw errors.unknownColumn(column, info.id);
      const field = known ?? withoutDataPrefix(column);
      written.body[field] = coerce(info.fieldByName.get(field), value);
      continue;
    }
    if (info.params.has(column) && !info.fieldByName.has(column)) {
      const text = valueText(value);
      if (text !== undefined) written.params.set(column, text);
      continue;
    }
    const field = bodyField(info, column) ?? (info.documentedColumns.has(column) || info.openRow ? column : undefined);
    if (field === undefined) throw errors.unknownColumn(column, info.id);
    written.body[field] = coerce(info.fieldByName.get(field), value);
  }
  return written;
}

/**
 * RETURNING reads the method's response, whose shape the docs do not give (Google answers an
 * Operation: done, name, response...). So any column name is accepted: the stored row's value when
 * it has one, `done` true and `response` the row itself for Operation-style names, else null.
 */
function returning(ctx: ExecContext, info: ResourceInfo, columns: readonly SelectColumn[], params: ReadonlyMap<string, string>, rows: Row[]): Row[] {
  if (columns.length === 0) return [];
  const source: Source = { info, params, star: starColumns(info, undefined, params), joins: [], extra: returningNames(columns) };
  const projection: Projection = { columns, where: [], groupBy: [], orderBy: [] };
  validateColumns(source, projection);
  const answered = rows.map((row) => {
    const out: Row = { ...row };
    if (source.extra!.has('done') && out['done'] === undefined) out['done'] = true;
    if (source.extra!.has('response') && out['response'] === undefined) out['response'] = row;
    return out;
  });
  return project(ctx, source, projection, answered);
}

function returningNames(columns: readonly SelectColumn[]): Set<string> {
  const names = new Set<string>();
  for (const c of columns) forEachColumn(c.expr, (col) => names.add(col.table === undefined ? col.name : `${col.table}.${col.name}`));
  return names;
}

/** Validates RETURNING before anything changes, so an error there changes nothing. */
function checkReturning(info: ResourceInfo, columns: readonly SelectColumn[]): void {
  if (columns.length === 0) return;
  const source: Source = { info, params: new Map(), star: [], joins: [], extra: returningNames(columns) };
  validateColumns(source, { columns, where: [], groupBy: [], orderBy: [] });
}

export interface MutationResult {
  rows: Row[];
  /** Rows written or removed. */
  affected: number;
}

/**
 * INSERT's method by the column list: the statements of one shape share their template's list
 * (statement-shapes.ts copies only what leads to a string), so a client inserting row after row
 * has the method chosen once, not once per row. A resource's compiled facts never change
 * (catalog.ts), so the pair (info, list) always gives the same method; a choice that fails is
 * not kept, and fails again with the same error.
 */
const insertMethods = new WeakMap<readonly string[], { info: ResourceInfo; method: Method }>();

function insertMethod(info: ResourceInfo, columns: readonly string[]): Method {
  const kept = insertMethods.get(columns);
  if (kept !== undefined && kept.info === info) return kept.method;
  const method = chooseMethod(info, 'insert', new Set(columns));
  insertMethods.set(columns, { info, method });
  return method;
}

export function runInsert(ctx: ExecContext, stmt: InsertStatement): MutationResult {
  if (stmt.select !== undefined) throw errors.unsupported('INSERT ... SELECT ... FROM (values read from a query)');
  const info = ctx.catalog.resolve(stmt.target.parts);
  const method = insertMethod(info, stmt.columns);
  const values = evaluateValues(stmt.values, ctx.sqlite);
  const written = classify(info, method, values, true);
  ctx.store.checkValues(info, written.body);
  checkReturning(info, stmt.returning);

  const { identity } = info;
  const n = ctx.store.nextInsert(info);
  const rowHash = hashParts([ctx.store.seed, info.id, 'insert', n]);
  // The row is its fake fields under what the statement wrote, made when first read (StoredRow):
  // only the one generated value a key may need is drawn now.
  const body = written.body;
  const key = identity.key.map((param, j) => {
    const given = written.key[j];
    if (given !== undefined) return given;
    const field = identity.keyFields[j];
    const fromBody = field === undefined ? undefined : body[field];
    if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
    if (typeof fromBody === 'number') return String(fromBody);
    const generated = field === undefined ? undefined : Object.hasOwn(body, field) ? fromBody : fakeField(info.generators, field, rowHash);
    if ((typeof generated === 'string' && generated !== '') || typeof generated === 'number') return String(generated);
    return String(nameGenerator(param, info.fake)(rng(hashParts([param], rowHash))));
  });
  // Without a key the row's own name or id field identifies it: made now.
  if (identity.key.length === 0) {
    const row = { ...fakeRow(info.generators, rowHash), ...body };
    const stored = ctx.store.put(info, written.scope, key, row, `#insert#${n}`, true, true);
    if (stored === undefined) throw errors.duplicateRow(info.id, JSON.stringify([row[identity.rowField ?? ''] ?? '']));
    return { rows: stmt.returning.length === 0 ? [] : returning(ctx, info, stmt.returning, written.params, [stored.values]), affected: 1 };
  }
  if (!ctx.store.insertSeeded(info, written.scope, key, rowHash, body)) throw errors.duplicateRow(info.id, JSON.stringify(key));
  if (stmt.returning.length === 0) return { rows: [], affected: 1 };
  return { rows: returning(ctx, info, stmt.returning, written.params, [ctx.store.stored(info, written.scope, key)!.values]), affected: 1 };
}

/** WHERE of a mutation: `name = literal` conjuncts only; each a param, a key column or a field. */
function mutationWhere(info: ResourceInfo, verb: Verb, where: readonly Predicate[]): Map<string, string> {
  const names = { info };
  const out = new Map<string, string>();
  for (const p of where) {
    if (p.op !== '=' || p.value === undefined) throw errors.mutationWhere(verb);
    const name = predicateName(names, p);
    const value = literalText(p.value);
    if (name === undefined || value === undefined) throw errors.mutationWhere(verb);
    const known = info.openRow || info.params.has(name) || info.keyColumns.includes(name) || info.fieldByName.has(name) || bodyField(info, name) !== undefined;
    if (!known) throw errors.unknownColumn(name, info.id);
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/** The rows a mutation's WHERE names: by scope and key, then by any field equalities left. */
function matchRows(ctx: ExecContext, info: ResourceInfo, method: Method, where: ReadonlyMap<string, string>): Match[] {
  const { identity } = info;
  const scope = identity.scope.map((p) => givenFor(where, p) as string | undefined);
  const key = identity.key.map((p) => givenFor(where, p) as string | undefined);
  ctx.store.ensureGenerated(info, scope, key.map(() => undefined));
  const used = new Set([...identity.scope, ...identity.key, ...method.requiredParams, ...method.optionalParams]);
  const filters: [string, string][] = [];
  for (const [name, value] of where) {
    if (used.has(name) || used.has(`data__${name}`) || used.has(name.replace(/^data__/, ''))) continue;
    const field = info.fieldByName.has(name) ? name : info.keyColumns.includes(name) ? name : undefined;
    if (field !== undefined) filters.push([field, value]);
  }
  const matches = ctx.store.find(info, { scope, key });
  if (filters.length === 0) return matches;
  return matches.filter((m) => filters.every(([f, v]) => m.row.values[f] !== undefined && String(m.row.values[f]) === v));
}

/** A JSON Patch document (RFC 6902, top-level paths) applied to a row, as AWS Cloud Control takes it. */
function applyPatch(info: ResourceInfo, row: Row, patch: unknown): boolean {
  if (!Array.isArray(patch)) return false;
  for (const op of patch) {
    if (typeof op !== 'object' || op === null || typeof (op as { path?: unknown }).path !== 'string') return false;
  }
  for (const { op, path, value } of patch as { op: string; path: string; value?: unknown }[]) {
    const top = path.replace(/^\//, '').split('/')[0]!.replaceAll('~1', '/').replaceAll('~0', '~');
    const field = bodyField(info, top) ?? top;
    if (op === 'remove') delete row[field];
    else if (op === 'add' || op === 'replace') row[field] = coerce(info.fieldByName.get(field), value);
  }
  return true;
}

export function runUpdate(ctx: ExecContext, stmt: UpdateStatement): MutationResult {
  const verb: Verb = stmt.kind;
  const info = ctx.catalog.resolve(stmt.target.parts);
  const where = mutationWhere(info, verb, stmt.where);
  // SET is the request body: it gives body params, never the path or query ones WHERE must give.
  const method = chooseMethod(info, verb, new Set(where.keys()), info.id, new Set(stmt.set.map((s) => s.column)));
  const values = evaluateValues(stmt.set, ctx.sqlite);
  const written = classify(info, method, values, false);
  // Refused whether or not the WHERE matches a row: a value too deep is never accepted.
  ctx.store.checkValues(info, written.body);
  checkReturning(info, stmt.returning);

  const { identity } = info;
  const matches = matchRows(ctx, info, method, where);
  const identityFields = new Set<string>([...identity.keyFields.filter((f): f is string => f !== undefined), ...info.keyColumns, ...identity.scope]);
  const patchField = Object.keys(written.body).find((f) => normalizeName(f) === 'patchdocument' && !info.fieldByName.has(f));
  const updated: Row[] = [];
  for (const m of matches) {
    const old = m.row.values;
    let next: Row;
    if (verb === 'update') {
      next = { ...old, ...written.body };
    } else {
      // REPLACE is a put: the body given, plus what identifies the row.
      next = { ...written.body };
      for (const f of identityFields) if (old[f] !== undefined) next[f] = old[f];
    }
    if (patchField !== undefined && applyPatch(info, next, written.body[patchField])) delete next[patchField];
    ctx.store.setValues(info, m.row, next);
    updated.push(next);
  }
  return { rows: returning(ctx, info, stmt.returning, where, updated), affected: updated.length };
}

export function runDelete(ctx: ExecContext, stmt: DeleteStatement): MutationResult {
  const info = ctx.catalog.resolve(stmt.target.parts);
  const where = mutationWhere(info, 'delete', stmt.where);
  const method = chooseMethod(info, 'delete', new Set(where.keys()));
  checkReturning(info, stmt.returning);
  const matches = matchRows(ctx, info, method, where);
  const removed = matches.map((m) => m.row.values);
  for (const m of matches) ctx.store.remove(m);
  return { rows: returning(ctx, info, stmt.returning, where, removed), affected: removed.length };
}

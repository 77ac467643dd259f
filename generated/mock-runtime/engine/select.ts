/**
 * (334 lines: the SELECT evaluator is one job, the fast path and the SQLite path kept side by side so they stay in step.)
 * SELECT: the WHERE equalities on params pick the method and the rows (scope and key, see
 * identity.ts); what remains (other predicates, functions, GROUP BY, ORDER BY, DISTINCT...) is
 * evaluated on those rows, as StackQL does in its embedded SQLite.
 *
 * Two ways to evaluate the rest:
 *  - the fast path, plain JS, for the common statement: `*` or plain columns (aliases allowed),
 *    only param equalities in WHERE, LIMIT/OFFSET. No SQLite, no rendering.
 *  - SQLite for everything else: the rows are handed over as one JSON parameter and the statement
 *    is re-rendered from its tree against them (see render-sql.ts and sqlite.ts).
 * Both share the projection rules: `*` is the method's field set (or all fields), then key columns,
 * then the params given; unknown columns are refused before anything runs.
 */
import type { Expr, JoinClause, OrderItem, Predicate, SelectColumn, SelectStatement } from '../../core/sql/index.js';
import type { Field, Method } from '../../core/model.js';
import { exampleColumns, type Catalog, type ResourceInfo } from './catalog.js';
import { errors } from './errors.js';
import type { SqliteAnswers } from './evaluate.js';
import { quoteName, quoteText, renderExpr } from './render-sql.js';
import { chooseMethod, columnName, forEachColumn, paramEqualities } from './resolve.js';
import type { SqlValue } from './sqlite.js';
import type { Store } from './store.js';
import type { ResultColumn, Row } from './types.js';

export interface ExecContext {
  catalog: Catalog;
  store: Store;
  /** SQLite's answers for this statement: what is not there yet stops it with NeedSqlite (see evaluate.ts). */
  sqlite: SqliteAnswers;
  /** Set by project(): the columns of the rows it answered, so a front can describe them even when there are none. */
  columns?: ResultColumn[];
  /** The provider failed (an injected fault): a SELECT reads no rows from it, as StackQL then does. */
  providerFailed?: boolean;
}

/** What rows are projected from: the resource, how the statement names it, the params given. */
export interface Source {
  info: ResourceInfo;
  alias?: string | undefined;
  /** Params given, shown as columns of every row. */
  params: ReadonlyMap<string, string>;
  /** The columns `*` stands for. */
  star: readonly string[];
  joins: readonly JoinClause[];
  /** Further names accepted as columns (RETURNING: the method's response shape is unknown). */
  extra?: ReadonlySet<string>;
}

/** The part of a SELECT (or a RETURNING clause) evaluated on the rows. */
export interface Projection {
  columns: readonly SelectColumn[];
  where: readonly Expr[];
  groupBy: readonly Expr[];
  having?: Expr | undefined;
  orderBy: readonly OrderItem[];
  limit?: number | undefined;
  offset?: number | undefined;
  distinct?: boolean | undefined;
}

/** Columns of json_each / json_tree, the only table-valued functions a FROM may join. */
const JSON_EACH_COLUMNS = new Set(['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path']);
const TABLE_FUNCTIONS = new Set(['json_each', 'json_tree']);

export function runSelect(ctx: ExecContext, stmt: SelectStatement): Row[] {
  const info = ctx.catalog.resolve(stmt.target.parts);
  const { source, projection, params } = planSelect(info, stmt);

  const { identity } = info;
  const scope = identity.scope.map((p) => params.get(p));
  const key = identity.key.map((p) => params.get(p));
  // A get (whole key given) fills its scope like a list would; a list that fixes part of the key
  // (project + zone) fills that slice, with the given key values.
  const wholeKey = key.length > 0 && key.every((v) => v !== undefined);
  let rows: Row[] = [];
  if (!ctx.providerFailed) {
    ctx.store.ensureGenerated(info, scope, wholeKey ? key.map(() => undefined) : key);
    rows = ctx.store.find(info, { scope, key }).map((m) => m.row.values);
  }
  return project(ctx, source, projection, rows);
}

/** A SELECT on a resource, decided before any row is read: its method, the params it passes, and what is evaluated on the rows. */
export interface SelectPlan {
  method: Method;
  /** Params given (sent to the API, not evaluated on rows). */
  params: Map<string, string>;
  source: Source;
  projection: Projection;
}

/** Checks the statement against the resource (joins, method, columns) and splits its WHERE into params and the rest. */
export function planSelect(info: ResourceInfo, stmt: SelectStatement): SelectPlan {
  for (const j of stmt.joins ?? []) {
    if (j.source.type === 'table') throw errors.unsupported('joining resources');
    const call = j.source.call;
    if (call.type !== 'call' || !TABLE_FUNCTIONS.has(call.name.toLowerCase())) throw errors.unsupported('a FROM source other than json_each/json_tree');
  }
  if (info.resource.selectNotSupported) throw errors.selectNotSupported(info.id);
  const names = { info, alias: stmt.alias };
  const given = paramEqualities(names, stmt.where);
  const method = chooseMethod(info, 'select', new Set(given.keys()));

  // A given param is consumed (sent to the API, not evaluated on rows) when the method takes it or
  // when it is no field; a param that is also a field and foreign to the method filters rows.
  const methodParams = new Set([...method.requiredParams, ...method.optionalParams]);
  const params = new Map<string, string>();
  const consumed = new Set<Predicate>();
  for (const [name, { value, predicate }] of given) {
    if (methodParams.has(name) || !info.fieldByName.has(name)) {
      params.set(name, value);
      consumed.add(predicate);
    }
  }
  const source: Source = { info, alias: stmt.alias, params, star: starColumns(info, method, params), joins: stmt.joins ?? [] };
  const projection: Projection = {
    columns: stmt.columns,
    where: stmt.where.filter((p) => !consumed.has(p)).map((p) => p.expr),
    groupBy: stmt.groupBy,
    having: stmt.having,
    orderBy: stmt.orderBy,
    limit: stmt.limit,
    offset: stmt.offset,
    distinct: stmt.distinct,
  };
  validateColumns(source, projection);
  return { method, params, source, projection };
}

/** Per resource, per method: what `*` expands to before params (views share their base's methods). */
const starCache = new WeakMap<ResourceInfo, Map<Method | undefined, readonly string[]>>();

/** `*`: the method's field-set tab (or the resource's own tab, or all fields), key columns, params. */
export function starColumns(info: ResourceInfo, method: Method | undefined, params: ReadonlyMap<string, string>): string[] {
  let perMethod = starCache.get(info);
  if (perMethod === undefined) starCache.set(info, (perMethod = new Map()));
  let base = perMethod.get(method);
  if (base === undefined) {
    const { resource } = info;
    const set =
      (method && resource.fieldSets.find((s) => s.method === method.name)) ??
      resource.fieldSets.find((s) => s.label === resource.name || s.method === resource.name);
    const fields = set ? set.fields.filter((f) => info.fieldByName.has(f)) : info.fields.map((f) => f.name);
    // The method's example may name columns its field set does not list: the client's row has them.
    if (set && method) for (const c of exampleColumns(resource).byMethod.get(method.name) ?? []) if (info.fieldByName.has(c) && !fields.includes(c)) fields.push(c);
    base = [...fields, ...info.keyColumns.filter((k) => !fields.includes(k))];
    perMethod.set(method, base);
  }
  const out = [...base];
  for (const p of params.keys()) if (!out.includes(p)) out.push(p);
  return out;
}

/** A row column, a param, or a key column: the names a statement may use. */
export function isKnownColumn(info: ResourceInfo, name: string): boolean {
  return info.fieldByName.has(name) || info.params.has(name) || info.keyColumns.includes(name);
}

type ColumnExpr = Extract<Expr, { type: 'column' }>;

/** What a column reference means in this statement. */
type Ref =
  | { kind: 'row'; name: string }
  | { kind: 'json'; table?: string; name: string }
  | { kind: 'label'; name: string }
  | { kind: 'text'; value: string };

const NO_JOINS: ReadonlySet<string> = new Set();

/** The names the joined sources go by, lower case: an unaliased `JSON_EACH(x)` is `json_each`, as in SQLite, whatever its case. */
function joinAliases(source: Source): ReadonlySet<string> {
  if (source.joins.length === 0) return NO_JOINS;
  return new Set(source.joins.map((j) => (j.alias ?? (j.source.type === 'function' && j.source.call.type === 'call' ? j.source.call.name : '')).toLowerCase()));
}

/** Resolves a column reference, or throws the unknown-column error. */
function resolveRef(source: Source, c: ColumnExpr, labels: ReadonlySet<string> | undefined): Ref {
  const { info } = source;
  const joins = joinAliases(source);
  if (c.table !== undefined && joins.has(c.table.toLowerCase())) {
    if (JSON_EACH_COLUMNS.has(c.name.toLowerCase())) return { kind: 'json', table: c.table, name: c.name };
    throw errors.unknownColumn(`${c.table}.${c.name}`, info.id);
  }
  const name = columnName(source, c.name, c.table);
  if (isKnownColumn(info, name) || source.extra?.has(name)) return { kind: 'row', name };
  if (c.table === undefined && labels?.has(name)) return { kind: 'label', name };
  if (c.table === undefined && joins.size > 0 && JSON_EACH_COLUMNS.has(name.toLowerCase())) return { kind: 'json', name };
  // SQLite reads a "double-quoted" name that is no column as a string; the docs rely on it.
  if (c.doubleQuoted && c.table === undefined) return { kind: 'text', value: c.name };
  if (info.openRow && (c.table === undefined || c.table === source.alias || c.table === info.resource.name)) return { kind: 'row', name };
  throw errors.unknownColumn(c.table === undefined ? c.name : `${c.table}.${c.name}`, info.id);
}

function labelOf(source: Source, column: SelectColumn): string {
  if (column.alias !== undefined) return column.alias;
  if (column.expr.type === 'column') {
    const { name, table } = column.expr;
    return table !== undefined && joinAliases(source).has(table) ? name : columnName(source, name, table);
  }
  return column.text;
}

function isOwnStar(source: Source, expr: Expr): boolean {
  return expr.type === 'star' && (expr.table === undefined || expr.table === source.alias || expr.table === source.info.resource.name || expr.table === source.info.id);
}

export function validateColumns(source: Source, p: Projection): void {
  const labels = new Set(p.columns.map((c) => labelOf(source, c)));
  for (const c of p.columns) {
    if (c.expr.type === 'star' && !isOwnStar(source, c.expr) && !joinAliases(source).has(c.expr.table ?? '')) {
      throw errors.unknownColumn(`${c.expr.table}.*`, source.info.id);
    }
    forEachColumn(c.expr, (col) => void resolveRef(source, col, undefined));
  }
  for (const e of p.where) forEachColumn(e, (col) => void resolveRef(source, col, undefined));
  for (const j of source.joins) {
    if (j.source.type === 'function') forEachColumn(j.source.call, (col) => void resolveRef(source, col, undefined));
    if (j.on) forEachColumn(j.on, (col) => void resolveRef(source, col, undefined));
  }
  for (const e of p.groupBy) forEachColumn(e, (col) => void resolveRef(source, col, labels));
  if (p.having) forEachColumn(p.having, (col) => void resolveRef(source, col, labels));
  for (const o of p.orderBy) forEachColumn(o.expr, (col) => void resolveRef(source, col, labels));
}

/** A row's value for a column: the stored value, else the param given, else null. */
function cell(source: Source, row: Row, name: string): unknown {
  const v = row[name];
  if (v !== undefined) return v;
  return source.params.get(name) ?? null;
}

function isFastPath(source: Source, p: Projection): boolean {
  if (p.where.length > 0 || p.groupBy.length > 0 || p.having || p.orderBy.length > 0 || p.distinct || source.joins.length > 0) return false;
  return p.columns.every((c) => isOwnStar(source, c.expr) || (c.expr.type === 'column' && !c.expr.doubleQuoted));
}

/** Evaluates a projection over rows: the fast path when it can, SQLite otherwise. */
export function project(ctx: ExecContext, source: Source, p: Projection, rows: readonly Row[]): Row[] {
  if (isFastPath(source, p)) return projectFast(ctx, source, p, rows);
  return projectSqlite(ctx, ctx.sqlite, source, p, rows);
}

/** Columns as the row objects hold them: a label given twice is one column, where it first appears. */
function describe(ctx: ExecContext, columns: Iterable<ResultColumn>): void {
  const seen = new Map<string, ResultColumn>();
  for (const c of columns) if (!seen.has(c.name)) seen.set(c.name, c);
  ctx.columns = [...seen.values()];
}

function projectFast(ctx: ExecContext, source: Source, p: Projection, rows: readonly Row[]): Row[] {
  const out: [label: string, column: string][] = [];
  for (const c of p.columns) {
    if (c.expr.type === 'star') for (const s of source.star) out.push([s, s]);
    else if (c.expr.type === 'column') out.push([labelOf(source, c), columnName(source, c.expr.name, c.expr.table)]);
  }
  describe(ctx, out.map(([name, column]) => ({ name, field: source.info.fieldByName.get(column) })));
  const start = p.offset ?? 0;
  const end = p.limit === undefined ? rows.length : Math.min(rows.length, start + p.limit);
  const result: Row[] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i]!;
    const o: Row = {};
    for (const [label, column] of out) setColumn(o, label, cell(source, row, column));
    result.push(o);
  }
  return result;
}

function projectSqlite(ctx: ExecContext, sqlite: SqliteAnswers, source: Source, p: Projection, rows: readonly Row[]): Row[] {
  const { info } = source;
  const table = source.alias ?? '__rows';
  const labels = new Set(p.columns.map((c) => labelOf(source, c)));
  // The rows go to SQLite as a CTE whose columns have positional names (`__c0`, `__c1`, ...), never
  // the fields' own: SQLite drops a subquery column aliased "true" or "false" (it becomes
  // `column1`), so a field called `false` (okta's JWKs have one) would be no such column.
  const used: string[] = [];
  const use = (name: string): string => {
    let i = used.indexOf(name);
    if (i < 0) i = used.push(name) - 1;
    return `${quoteName(table)}.${quoteName(`__c${i}`)}`;
  };
  const renderer = (labelsVisible: boolean) => (c: ColumnExpr) => {
    const ref = resolveRef(source, c, labelsVisible ? labels : undefined);
    switch (ref.kind) {
      case 'row':
        return use(ref.name);
      case 'json':
        return ref.table === undefined ? quoteName(ref.name) : `${quoteName(ref.table)}.${quoteName(ref.name)}`;
      case 'label':
        return quoteName(ref.name);
      case 'text':
        return quoteText(ref.value);
    }
  };
  const plain = renderer(false);
  const withLabels = renderer(true);

  // The select list; output columns that are plain fields get their JSON type back afterwards.
  const fieldOf = new Map<string, Field>();
  const select: string[] = [];
  for (const c of p.columns) {
    if (isOwnStar(source, c.expr)) {
      for (const s of source.star) {
        select.push(`${use(s)} AS ${quoteName(s)}`);
        const f = info.fieldByName.get(s);
        if (f) fieldOf.set(s, f);
      }
      continue;
    }
    if (c.expr.type === 'star') {
      select.push(`${quoteName(c.expr.table ?? '')}.*`);
      continue;
    }
    const label = labelOf(source, c);
    select.push(`${renderExpr(c.expr, plain)} AS ${quoteName(label)}`);
    if (c.expr.type === 'column') {
      const ref = resolveRef(source, c.expr, undefined);
      const f = ref.kind === 'row' ? info.fieldByName.get(ref.name) : undefined;
      if (f) fieldOf.set(label, f);
    }
  }
  const from = [`FROM ${quoteName('__rows')} AS ${quoteName(table)}`];
  for (const j of source.joins) {
    const fn = j.source.type === 'function' ? renderExpr(j.source.call, plain) : '';
    const alias = j.alias === undefined ? '' : ` AS ${quoteName(j.alias)}`;
    const on = j.on ? ` ON ${renderExpr(j.on, plain)}` : '';
    const kind = j.kind === 'comma' ? ',' : j.kind === 'left' ? ' LEFT JOIN' : j.kind === 'cross' ? ' CROSS JOIN' : ' JOIN';
    from.push(`${kind} ${fn}${alias}${on}`);
  }
  const clauses: string[] = [];
  if (p.where.length > 0) clauses.push(`WHERE ${balancedAnd(p.where.map((e) => renderExpr(e, plain)))}`);
  if (p.groupBy.length > 0) clauses.push(`GROUP BY ${p.groupBy.map((e) => renderExpr(e, withLabels)).join(', ')}`);
  if (p.having) clauses.push(`HAVING ${renderExpr(p.having, withLabels)}`);
  if (p.orderBy.length > 0) clauses.push(`ORDER BY ${p.orderBy.map((o) => `${renderExpr(o.expr, withLabels)} ${o.direction.toUpperCase()}`).join(', ')}`);
  if (p.limit !== undefined || p.offset !== undefined) clauses.push(`LIMIT ${p.limit ?? -1} OFFSET ${p.offset ?? 0}`);

  const cte = used.length === 0
    ? 'SELECT NULL AS "__none" FROM json_each(?) AS "__j"'
    : `SELECT ${used.map((u, i) => `json_extract("__j"."value", '$[${i}]') AS "__c${i}"`).join(', ')} FROM json_each(?) AS "__j"`;
  const sql = `WITH "__rows" AS (${cte}) SELECT ${p.distinct ? 'DISTINCT ' : ''}${select.join(', ')} ${from.join('')} ${clauses.join(' ')}`;
  const data = JSON.stringify(rows.map((r) => used.map((u) => cell(source, r, u))));

  const result = sqlite.run(sql, [data]);
  describe(ctx, result.columns.map((name) => ({ name, field: fieldOf.get(name) })));
  return result.rows.map((values) => {
    const o: Row = {};
    result.columns.forEach((name, i) => setColumn(o, name, restore(values[i] ?? null, fieldOf.get(name))));
    return o;
  });
}

/**
 * Conditions joined by AND as a balanced tree of parentheses: SQLite refuses an expression deeper
 * than 1000, and a flat `a AND b AND ...` of 8,000 conditions is 8,000 deep to it.
 */
function balancedAnd(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!;
  const middle = Math.ceil(parts.length / 2);
  return `(${balancedAnd(parts.slice(0, middle))} AND ${balancedAnd(parts.slice(middle))})`;
}

/**
 * Sets an answer column. A column may be called anything, `__proto__` included (`SELECT x AS
 * "__proto__"`): assigning that name would set the object's prototype and the column would vanish,
 * so it is defined as an own property instead.
 */
export function setColumn(row: Row, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
  else row[name] = value;
}

/**
 * SQLite hands objects back as JSON text and booleans as 0/1: give a plain field its type back. A
 * field of no scalar type (object, array, or an undocumented one such as `unknown`, which fake data
 * fills with objects) gets JSON object/array text parsed, the rule coerce() applies on writes, so a
 * row reads the same through SQLite as through the fast path.
 */
const SCALAR_KINDS = new Set(['string', 'integer', 'number', 'boolean']);

function restore(value: SqlValue, field: Field | undefined): unknown {
  if (value === null || field === undefined) return value;
  if (!SCALAR_KINDS.has(field.typeRef.kind) && typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (field.typeRef.kind === 'boolean' && typeof value === 'number') return value !== 0;
  return value;
}

/**
 * Picking the method a statement runs, the way StackQL does: of the methods with the statement's
 * verb, those whose required params are all supplied; of those, the most specific (most required
 * params; the first in the Methods table on a tie). Also the small name-resolution helpers every
 * statement needs (which WHERE conjuncts pass params, what a column reference names).
 */
import type { Expr, Literal, Predicate } from '../../core/sql/index.js';
import type { Method, Verb } from '../../core/model.js';
import type { ResourceInfo } from './catalog.js';
import { errors } from './errors.js';
import { missingParams } from '../../core/required-params.js';

export { supplies } from '../../core/statement-shape.js';

const NO_BODY: ReadonlySet<string> = new Set();

/**
 * The method of `verb` that `given` supplies; `body` are UPDATE/REPLACE SET columns, which give only
 * params that go in the request body (core/required-params.ts). Throws (400) when the resource has
 * no method of that verb or none fits, naming the missing params of the closest candidate and every
 * candidate.
 */
export function chooseMethod(info: ResourceInfo, verb: Verb, given: ReadonlySet<string>, target = info.id, body = NO_BODY): Method {
  const candidates = info.methodsByVerb.get(verb) ?? [];
  if (candidates.length === 0) throw errors.noMethodForVerb(info.id, verb);
  const names = { anywhere: given, body };
  let best: Method | undefined;
  let closest: string[] | undefined;
  for (const m of candidates) {
    const missing = missingParams(m, names, (name) => info.params.get(name)?.in);
    if (missing.length === 0 && (best === undefined || m.requiredParams.length > best.requiredParams.length)) best = m;
    if (closest === undefined || missing.length < closest.length) closest = missing;
  }
  if (best !== undefined) return best;
  throw errors.missingParams(verb, target, closest ?? [], candidates);
}

/** A literal as the text StackQL would send as a param value; undefined for NULL. */
export function literalText(literal: Literal): string | undefined {
  switch (literal.type) {
    case 'string':
    case 'number':
      return literal.value;
    case 'boolean':
      return literal.value ? 'true' : 'false';
    case 'template':
      return literal.value;
    case 'placeholder':
      return literal.raw;
    default:
      return undefined;
  }
}

/** A literal as a JS value: numbers as numbers, so typed fields get typed values. */
export function literalValue(literal: Literal): unknown {
  switch (literal.type) {
    case 'number':
      return Number(literal.value);
    case 'boolean':
      return literal.value;
    case 'null':
      return null;
    default:
      return literalText(literal);
  }
}

/** What the statement calls its resource: its alias, its short name, its full id. */
export interface NameScope {
  info: ResourceInfo;
  alias?: string | undefined;
}

/**
 * The column a (possibly qualified) name refers to. `a.name` with alias `a`, and
 * `invitations.name`, give `name`; StackQL param names may contain dots (`filter.issue.states`),
 * so a qualifier that is not the resource's is kept as part of the name.
 */
export function columnName(scope: NameScope, name: string, table?: string): string {
  if (table === undefined) return name;
  const { info, alias } = scope;
  if (table === alias || table === info.resource.name) return name;
  const full = `${table}.${name}`;
  return full.startsWith(`${info.id}.`) ? full.slice(info.id.length + 1) : full;
}

/** A predicate's param name with any qualifier of the resource itself removed. */
export function predicateName(scope: NameScope, predicate: Predicate): string | undefined {
  const { name } = predicate;
  if (name === undefined) return undefined;
  const { info, alias } = scope;
  if (info.params.has(name) || info.fieldByName.has(name)) return name;
  for (const prefix of [alias, info.resource.name, info.id]) {
    if (prefix !== undefined && name.startsWith(`${prefix}.`)) return name.slice(prefix.length + 1);
  }
  return name;
}

/**
 * The `name = literal` conjuncts of a WHERE clause that pass params: the name is a param of the
 * resource. Returns them in source order, first occurrence of each name only (a repeated name is
 * left to filter the rows), with the value as text.
 */
export function paramEqualities(scope: NameScope, where: readonly Predicate[]): Map<string, { value: string; predicate: Predicate }> {
  const out = new Map<string, { value: string; predicate: Predicate }>();
  for (const p of where) {
    if (p.op !== '=' || p.value === undefined) continue;
    const name = predicateName(scope, p);
    if (name === undefined || !scope.info.params.has(name) || out.has(name)) continue;
    const value = literalText(p.value);
    if (value !== undefined) out.set(name, { value, predicate: p });
  }
  return out;
}

/** Calls `visit` on every column reference in an expression tree. */
export function forEachColumn(expr: Expr, visit: (column: Extract<Expr, { type: 'column' }>) => void): void {
  switch (expr.type) {
    case 'column':
      visit(expr);
      return;
    case 'call':
      for (const a of expr.args) forEachColumn(a, visit);
      return;
    case 'binary':
      forEachColumn(expr.left, visit);
      forEachColumn(expr.right, visit);
      return;
    case 'unary':
      forEachColumn(expr.operand, visit);
      return;
    case 'in':
      forEachColumn(expr.operand, visit);
      for (const e of expr.list) forEachColumn(e, visit);
      return;
    case 'between':
      forEachColumn(expr.operand, visit);
      forEachColumn(expr.low, visit);
      forEachColumn(expr.high, visit);
      return;
    case 'is':
      forEachColumn(expr.operand, visit);
      forEachColumn(expr.right, visit);
      return;
    case 'paren':
      forEachColumn(expr.expr, visit);
      return;
    case 'cast':
      forEachColumn(expr.operand, visit);
      return;
    case 'case':
      if (expr.operand) forEachColumn(expr.operand, visit);
      for (const w of expr.whens) {
        forEachColumn(w.when, visit);
        forEachColumn(w.then, visit);
      }
      if (expr.else) forEachColumn(expr.else, visit);
      return;
    default:
      return;
  }
}

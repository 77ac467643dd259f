/**
 * The shape of a statement: what a contract compares between the docs' example for a method and
 * the statement the generated client sends for it. Values are left out (the docs' are
 * placeholders); what is kept is where each name goes:
 *
 *   verb, target (and EXEC's method), SELECT columns, WHERE `name = value` params, INSERT columns,
 *   SET columns, EXEC `@params`, `@@json` keys, RETURNING columns.
 *
 * Shapes are computed from parsed statements (core/sql), never from text. Lists are compared as
 * sets: the docs and the client may order params differently without meaning anything else.
 */
import { rewriteJsonTemplate } from './json-template.ts';
import { parseStatement, type Expr, type Literal, type Predicate, type SelectColumn, type Statement } from './sql/index.ts';

export interface StatementShape {
  verb: Statement['kind'];
  /** `provider.service.resource` as written (EXEC: without the method). */
  target: string;
  /** EXEC only. */
  method?: string | undefined;
  /** SELECT: plain column names, `*` for a star; absent when the list has expressions. */
  columns?: string[];
  /** SELECT, UPDATE, REPLACE, DELETE: names of the `name = value` predicates. */
  where?: string[];
  /** INSERT: the column list. */
  values?: string[];
  /** UPDATE, REPLACE: the SET columns. */
  set?: string[];
  /** EXEC: the `@name` arguments. */
  args?: string[];
  /** EXEC: the keys of the `@@json` object; absent without a body or when it is not an object. */
  json?: string[];
  /** RETURNING, as plain names; absent when there is none or it has expressions. */
  returning?: string[];
}

/** Parses and shapes; `templates: true` for the docs' examples (placeholders), false for a client's statement. */
export function shapeOf(sql: string, options: { templates: boolean }): StatementShape {
  return statementShape(parseStatement(sql, { templates: options.templates }));
}

export function statementShape(statement: Statement): StatementShape {
  switch (statement.kind) {
    case 'select': {
      const shape: StatementShape = { verb: 'select', target: statement.target.parts.join('.'), where: predicateNames(statement.where) };
      const columns = columnNames(statement.columns);
      if (columns) shape.columns = columns;
      return shape;
    }
    case 'insert': {
      const shape: StatementShape = { verb: 'insert', target: statement.target.parts.join('.'), values: [...statement.columns] };
      return withReturning(shape, statement.returning);
    }
    case 'update':
    case 'replace': {
      const shape: StatementShape = {
        verb: statement.kind,
        target: statement.target.parts.join('.'),
        set: statement.set.map((a) => a.column),
        where: predicateNames(statement.where),
      };
      return withReturning(shape, statement.returning);
    }
    case 'delete':
      return withReturning({ verb: 'delete', target: statement.target.parts.join('.'), where: predicateNames(statement.where) }, statement.returning);
    case 'exec': {
      const parts = statement.target.parts;
      const shape: StatementShape = { verb: 'exec', target: parts.slice(0, -1).join('.'), method: parts[parts.length - 1], args: statement.args.map((a) => a.name) };
      const keys = statement.json ? jsonKeys(statement.json) : undefined;
      if (keys) shape.json = keys;
      return shape;
    }
    case 'show':
      return { verb: 'show', target: statement.in?.parts.join('.') ?? '' };
    case 'describe':
      return { verb: 'describe', target: statement.target.parts.join('.') };
  }
}

function withReturning(shape: StatementShape, returning: SelectColumn[]): StatementShape {
  const names = returning.length > 0 ? columnNames(returning) : undefined;
  if (names) shape.returning = names;
  return shape;
}

function predicateNames(where: Predicate[]): string[] {
  return where.filter((p) => p.name !== undefined && (p.op === undefined || p.op === '=') && p.value !== undefined).map((p) => p.name!);
}

function columnNames(columns: SelectColumn[]): string[] | undefined {
  const names: string[] = [];
  for (const c of columns) {
    const expr: Expr = c.expr;
    if (expr.type === 'star' && expr.table === undefined) names.push('*');
    else if (expr.type === 'column' && expr.table === undefined && c.alias === undefined) names.push(expr.name);
    else return undefined;
  }
  return names;
}

/**
 * The keys of an `@@json` body: a JSON string (a client's), or a docs template whose placeholders
 * are replaced first (`"{{ x }}"` is a string already; a bare `{{ x }}` becomes null). Undefined
 * when the body is a single placeholder or not a JSON object.
 */
export function jsonKeys(json: Literal): string[] | undefined {
  let text: string;
  if (json.type === 'string' || json.type === 'template') text = json.value;
  else return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutBarePlaceholders(text));
  } catch {
    return undefined;
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
}

function withoutBarePlaceholders(text: string): string {
  return rewriteJsonTemplate(text, (literal) => literal, () => 'null');
}

/** One way two shapes differ. */
export interface ShapeDifference {
  /** Which part: 'verb', 'target', 'method', 'columns', 'where', 'values', 'set', 'args', 'json', 'returning'. */
  part: keyof StatementShape;
  /** Names the docs' example has and the client's statement does not. */
  missing: string[];
  /** Names the client's statement has and the docs' example does not. */
  extra: string[];
  message: string;
}

const PART_WORDS: Record<string, string> = {
  columns: 'SELECT columns',
  where: 'WHERE params',
  values: 'INSERT columns',
  set: 'SET columns',
  args: 'EXEC @params',
  json: '@@json body fields',
  returning: 'RETURNING columns',
};

const LIST_PARTS = ['columns', 'where', 'values', 'set', 'args', 'json'] as const;

/**
 * How `actual` (the client's statement) differs from `expected` (the docs' example). Verbs compare
 * by family (UPDATE and REPLACE are both updates), targets and methods case-insensitively, lists as
 * sets. A list the docs' example lacks or cannot say (expressions, a whole-body placeholder) is not
 * compared. RETURNING is not compared: the client sends the docs' own list. Names in `allowExtra`
 * (the method's required params, which the client adds where the example leaves them out) may be
 * extra.
 */
export function compareShapes(expected: StatementShape, actual: StatementShape, options: { allowExtra?: readonly string[] } = {}): ShapeDifference[] {
  const allowed = new Set(options.allowExtra ?? []);
  const out: ShapeDifference[] = [];
  const family = (verb: string) => (verb === 'replace' ? 'update' : verb);
  if (family(expected.verb) !== family(actual.verb)) {
    out.push({ part: 'verb', missing: [expected.verb], extra: [actual.verb], message: `the docs' example is ${expected.verb.toUpperCase()}, the client sends ${actual.verb.toUpperCase()}` });
    return out;
  }
  if (expected.target.toLowerCase() !== actual.target.toLowerCase()) {
    out.push({ part: 'target', missing: [expected.target], extra: [actual.target], message: `the docs' example targets ${expected.target}, the client ${actual.target}` });
  }
  if ((expected.method ?? '').toLowerCase() !== (actual.method ?? '').toLowerCase()) {
    out.push({ part: 'method', missing: [expected.method ?? ''], extra: [actual.method ?? ''], message: `the docs' example calls ${expected.method}, the client ${actual.method}` });
  }
  for (const part of LIST_PARTS) {
    const want = expected[part];
    if (want === undefined) continue;
    const got = actual[part] ?? [];
    const missing = [...new Set(want.filter((name) => !got.includes(name)))];
    const extra = [...new Set(got.filter((name) => !want.includes(name) && !supplies(allowed, name)))];
    if (missing.length === 0 && extra.length === 0) continue;
    const bits: string[] = [];
    if (missing.length > 0) bits.push(`lacks ${missing.map((n) => `'${n}'`).join(', ')}`);
    if (extra.length > 0) bits.push(`adds ${extra.map((n) => `'${n}'`).join(', ')}`);
    out.push({ part, missing, extra, message: `${PART_WORDS[part]}: the client's statement ${bits.join(' and ')} (docs' example: ${want.join(', ') || 'none'})` });
  }
  return out;
}

/** The names a statement gives values to: its WHERE params, INSERT/SET columns, EXEC args and `@@json` keys. */
export function suppliedNames(shape: StatementShape): Set<string> {
  return new Set([...(shape.where ?? []), ...(shape.values ?? []), ...(shape.set ?? []), ...(shape.args ?? []), ...(shape.json ?? [])]);
}

/** Whether `names` supplies `param` the way StackQL matches them: `data__x` and `x` stand for each other. */
export function supplies(names: ReadonlySet<string>, param: string): boolean {
  if (names.has(param)) return true;
  if (param.startsWith('data__')) return names.has(param.slice(6));
  return names.has(`data__${param}`);
}

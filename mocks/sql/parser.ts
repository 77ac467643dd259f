/**
 * The StackQL statement parser: a recursive-descent reading of SELECT, INSERT, UPDATE, REPLACE,
 * DELETE, EXEC, SHOW and DESCRIBE, shared by the doc generator (Jinja-templated examples) and the
 * mock server (plain statements from clients).
 */
import type {
  Assignment,
  DeleteStatement,
  DescribeStatement,
  ExecArg,
  ExecStatement,
  Expr,
  InsertStatement,
  InsertValue,
  JoinClause,
  Literal,
  OrderItem,
  Predicate,
  QualifiedName,
  SelectColumn,
  SelectStatement,
  ShowStatement,
  Statement,
  UpdateStatement,
} from './ast.ts';
import { Cursor } from './cursor.ts';
import { ExpressionParser, startsExpression } from './expressions.ts';
import { tokenize, type Token } from './lexer.ts';
import { stringLiteral } from './placeholders.ts';

export { StatementSyntaxError } from './errors.ts';

export interface ParseOptions {
  /**
   * Read Jinja placeholders (default true): bare `{{ x }}` is a value, and a quoted string
   * containing `{{ ... }}` becomes a placeholder or template literal. The mock passes false, so a
   * client's string is always just a string, whatever it contains.
   */
  templates?: boolean;
}

/**
 * Parses exactly one statement, optionally followed by `;`. Anything after it (`SELECT ...; DROP
 * ...`) is an error, so a caller can trust that the text holds no second statement.
 */
export function parseStatement(sql: string, options: ParseOptions = {}): Statement {
  const parser = new StatementParser(sql, options);
  const statement = parser.parseOne();
  parser.c.acceptOperator(';');
  if (!parser.c.atEnd()) parser.c.fail('end of statement');
  return statement;
}

/**
 * Parses `;`-separated statements. The last `;` is optional, and text with no statement at all
 * (empty, or only comments) gives []. An empty statement between two `;` is an error.
 */
export function parseStatements(sql: string, options: ParseOptions = {}): Statement[] {
  const parser = new StatementParser(sql, options);
  const { c } = parser;
  const statements: Statement[] = [];
  while (!c.atEnd()) {
    statements.push(parser.parseOne());
    if (!c.atEnd() && !c.acceptOperator(';')) c.fail("';' or end of input");
  }
  return statements;
}

/** Statement verbs: never an alias, so a statement missing its `;` gets a clear error. */
const VERBS = ['SELECT', 'INSERT', 'UPDATE', 'REPLACE', 'DELETE', 'EXEC', 'EXECUTE', 'SHOW', 'DESCRIBE'];
/** Words that end a select list item instead of being read as its bare alias. */
const COLUMN_ALIAS_STOP = new Set([
  ...VERBS, 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'RETURNING', 'UNION', 'INTO', 'WINDOW',
]);
/** Words that end a FROM source instead of being read as its alias. */
const TABLE_ALIAS_STOP = new Set([
  ...VERBS, 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'RETURNING', 'UNION', 'WINDOW', 'SET',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER', 'ON',
]);
const JOIN_KINDS: Record<string, JoinClause['kind']> = {
  JOIN: 'inner',
  INNER: 'inner',
  LEFT: 'left',
  RIGHT: 'right',
  FULL: 'full',
  CROSS: 'cross',
};
const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=', '!=': '!=', '<>': '<>' };
const STATEMENT_KEYWORDS = 'a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE)';

class StatementParser {
  readonly c: Cursor;
  private readonly expressions: ExpressionParser;

  constructor(sql: string, options: ParseOptions) {
    const templates = options.templates ?? true;
    this.c = new Cursor(tokenize(sql, { templates }), sql, templates);
    this.expressions = new ExpressionParser(this.c);
  }

  parseOne(): Statement {
    const { c } = this;
    // The docs put the hint before the verb (`/*+ create */ INSERT ...`), the language reference
    // after it (`INSERT /*+ AWAIT */ INTO`); both are accepted and collected together.
    const hints = this.parseHints([]);
    const verb = c.peek();
    switch (verb.keyword) {
      case 'SELECT':
        return this.parseSelect(hints);
      case 'INSERT':
        return this.parseInsert(hints);
      case 'UPDATE':
      case 'REPLACE':
        return this.parseUpdate(hints);
      case 'DELETE':
        return this.parseDelete(hints);
      case 'EXEC':
      case 'EXECUTE':
        return this.parseExec(hints);
      case 'SHOW':
        return this.parseShow(hints);
      case 'DESCRIBE':
      case 'DESC':
        if (hints.length > 0) c.error('DESCRIBE takes no hints', verb.pos);
        return this.parseDescribe();
      default:
        return c.fail(STATEMENT_KEYWORDS);
    }
  }

  /** Hints at the cursor, lower-cased and split into words: /*+ AWAIT SHOWRESULTS *\/ gives two. */
  private parseHints(hints: string[]): string[] {
    while (this.c.peek().kind === 'hint') {
      hints.push(...this.c.next().value.toLowerCase().split(/[\s,]+/).filter(Boolean));
    }
    return hints;
  }

  // ---- SELECT ------------------------------------------------------------------------------

  private parseSelect(hints: string[]): SelectStatement {
    const { c } = this;
    c.expectKeyword('SELECT');
    this.parseHints(hints);
    const distinct = this.parseDistinct();
    const columns = this.parseSelectColumns();
    c.expectKeyword('FROM');
    return this.parseSelectFrom(hints, columns, distinct);
  }

  /** SELECT DISTINCT a, unless `distinct` is itself the column (SELECT distinct, a ...). */
  private parseDistinct(): boolean {
    const { c } = this;
    if (c.isKeyword('ALL') && startsExpression(c.peek(1)) && !c.isKeyword('FROM', 1)) c.next();
    if (!c.isKeyword('DISTINCT') || !startsExpression(c.peek(1)) || c.isKeyword('FROM', 1)) return false;
    c.next();
    return true;
  }

  /** Everything after FROM; shared with INSERT ... SELECT ... FROM. */
  private parseSelectFrom(hints: string[], columns: SelectColumn[], distinct: boolean): SelectStatement {
    const { c } = this;
    const target = this.parseQualifiedName('a resource name');
    const statement: SelectStatement = {
      kind: 'select',
      hints,
      columns,
      target,
      where: [],
      groupBy: [],
      orderBy: [],
    };
    if (distinct) statement.distinct = true;
    const alias = this.parseAlias(TABLE_ALIAS_STOP);
    if (alias !== undefined) statement.alias = alias;
    const joins = this.parseJoins();
    if (joins.length > 0) statement.joins = joins;
    if (c.acceptKeyword('WHERE')) statement.where = this.parseWhere();
    if (c.isKeyword('GROUP')) {
      c.next();
      c.expectKeyword('BY');
      statement.groupBy = this.parseList(() => this.expressions.parseExpression());
    }
    if (c.acceptKeyword('HAVING')) statement.having = this.expressions.parseExpression();
    if (c.isKeyword('ORDER')) {
      c.next();
      c.expectKeyword('BY');
      statement.orderBy = this.parseList(() => this.parseOrderItem());
    }
    if (c.acceptKeyword('LIMIT')) {
      const first = this.parseInteger('LIMIT');
      if (c.acceptOperator(',')) {
        // MySQL's LIMIT offset, count.
        statement.offset = first;
        statement.limit = this.parseInteger('LIMIT');
      } else {
        statement.limit = first;
        if (c.acceptKeyword('OFFSET')) statement.offset = this.parseInteger('OFFSET');
      }
    }
    return statement;
  }

  private parseSelectColumns(): SelectColumn[] {
    return this.parseList(() => this.parseSelectColumn());
  }

  private parseSelectColumn(): SelectColumn {
    const { c } = this;
    const start = c.index;
    // `from` can be a column (SELECT from, to FROM ...), but FROM followed by anything else means
    // the column list is empty; say so rather than read FROM as a column and trip over the next word.
    if (c.isKeyword('FROM') && !c.isOperator(',', 1) && !c.isKeyword('FROM', 1)) c.fail('a column or *');
    const expr: Expr = c.acceptOperator('*') ? { type: 'star' } : this.expressions.parseExpression();
    const alias = this.parseAlias(COLUMN_ALIAS_STOP);
    const column: SelectColumn = { expr, text: c.textFrom(start) };
    if (alias !== undefined) column.alias = alias;
    return column;
  }

  /** `AS name`, or a bare name that is not one of the clause words in `stop`. */
  private parseAlias(stop: Set<string>): string | undefined {
    const { c } = this;
    if (c.acceptKeyword('AS')) {
      const token = c.peek();
      if (token.kind === 'string') return c.next().value;
      return this.expressions.parseName('an alias after AS');
    }
    const token = c.peek();
    if (token.kind === 'quoted' || (token.kind === 'word' && !stop.has(token.keyword))) return c.next().value;
    return undefined;
  }

  private parseJoins(): JoinClause[] {
    const { c } = this;
    const joins: JoinClause[] = [];
    while (true) {
      let kind: JoinClause['kind'];
      if (c.acceptOperator(',')) {
        kind = 'comma';
      } else if (JOIN_KINDS[c.peek().keyword] !== undefined) {
        kind = JOIN_KINDS[c.next().keyword];
        if (kind !== 'inner' || c.previous.keyword === 'INNER') {
          c.acceptKeyword('OUTER');
          c.expectKeyword('JOIN');
        }
      } else {
        return joins;
      }
      const join: JoinClause = { kind, source: this.parseFromSource() };
      const alias = this.parseAlias(TABLE_ALIAS_STOP);
      if (alias !== undefined) join.alias = alias;
      if (kind !== 'comma' && kind !== 'cross' && c.acceptKeyword('ON')) join.on = this.expressions.parseExpression();
      joins.push(join);
    }
  }

  /** A resource, or a table-valued function such as json_each(content). */
  private parseFromSource(): JoinClause['source'] {
    const { c } = this;
    if (c.peek().kind === 'word' && c.isOperator('(', 1)) {
      return { type: 'function', call: this.expressions.parseExpression() };
    }
    return { type: 'table', name: this.parseQualifiedName('a resource name') };
  }

  private parseOrderItem(): OrderItem {
    const expr = this.expressions.parseExpression();
    if (this.c.acceptKeyword('DESC')) return { expr, direction: 'desc' };
    this.c.acceptKeyword('ASC');
    return { expr, direction: 'asc' };
  }

  private parseInteger(clause: string): number {
    const token = this.c.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.value)) this.c.fail(`an integer after ${clause}`);
    this.c.next();
    return Number(token.value);
  }

  // ---- WHERE -------------------------------------------------------------------------------

  /** The condition, split into its top-level AND conjuncts. */
  private parseWhere(): Predicate[] {
    const condition = this.expressions.parseExpression();
    return this.conjuncts(condition).map((expr) => this.predicate(expr));
  }

  private conjuncts(expr: Expr): Expr[] {
    if (expr.type === 'binary' && expr.op === 'AND') return [...this.conjuncts(expr.left), ...this.conjuncts(expr.right)];
    return [expr];
  }

  private predicate(expr: Expr): Predicate {
    const span = this.expressions.spanOf(expr);
    const predicate: Predicate = { expr, required: this.c.requiredAfter(span.end), pos: this.c.tokens[span.start].pos };
    const parameter = asParameter(expr, this.c.templates);
    if (parameter !== undefined) Object.assign(predicate, parameter);
    return predicate;
  }

  // ---- INSERT ------------------------------------------------------------------------------

  private parseInsert(hints: string[]): InsertStatement {
    const { c } = this;
    c.expectKeyword('INSERT');
    this.parseHints(hints);
    const ignore = c.acceptKeyword('IGNORE');
    c.acceptKeyword('INTO');
    const target = this.parseQualifiedName('a resource name');
    if (!c.isOperator('(')) c.fail("'(' and the column list");
    c.next();
    const columns = this.parseList(() => this.parseColumnName());
    c.expectOperator(')');

    const source = c.peek();
    let values: Expr[];
    let required: boolean[];
    let select: SelectStatement | undefined;
    if (c.acceptKeyword('SELECT')) {
      const items = this.parseListWithMarkers(() => this.parseSelectColumn());
      values = items.map((item) => item.value.expr);
      required = items.map((item) => item.required);
      if (c.acceptKeyword('FROM')) {
        select = this.parseSelectFrom([], items.map((item) => item.value), false);
      }
    } else if (c.acceptKeyword('VALUES')) {
      c.expectOperator('(');
      const items = this.parseListWithMarkers(() => this.expressions.parseExpression());
      c.expectOperator(')');
      if (c.isOperator(',')) c.error('INSERT ... VALUES takes a single row');
      values = items.map((item) => item.value);
      required = items.map((item) => item.required);
    } else {
      return c.fail('SELECT or VALUES');
    }
    if (values.length !== columns.length) {
      c.error(
        `INSERT lists ${columns.length} column${columns.length === 1 ? '' : 's'} but ${values.length} ` +
          `value${values.length === 1 ? '' : 's'}: the counts must match`,
        source.pos,
      );
    }
    const statement: InsertStatement = {
      kind: 'insert',
      hints,
      target,
      columns,
      values: columns.map((column, i): InsertValue => ({ column, value: values[i], required: required[i] })),
      returning: this.parseReturning(),
    };
    if (ignore) statement.ignore = true;
    if (select !== undefined) statement.select = select;
    return statement;
  }

  private parseReturning(): SelectColumn[] {
    return this.c.acceptKeyword('RETURNING') ? this.parseSelectColumns() : [];
  }

  // ---- UPDATE / REPLACE / DELETE -----------------------------------------------------------

  private parseUpdate(hints: string[]): UpdateStatement {
    const { c } = this;
    const kind = c.next().keyword === 'UPDATE' ? 'update' : 'replace';
    this.parseHints(hints);
    const target = this.parseQualifiedName('a resource name');
    c.expectKeyword('SET');
    // As with FROM in a select list: WHERE can name a column, but not when no `=` follows.
    if (c.isKeyword('WHERE') && !c.isOperator('=', 1)) c.fail('an assignment after SET');
    const set = this.parseListWithMarkers(() => this.parseAssignment()).map(
      ({ value, required }): Assignment => ({ ...value, required }),
    );
    const where = c.acceptKeyword('WHERE') ? this.parseWhere() : [];
    return { kind, hints, target, set, where, returning: this.parseReturning() };
  }

  private parseAssignment(): { column: string; value: Expr } {
    const column = this.parseColumnName();
    this.c.expectOperator('=');
    return { column, value: this.expressions.parseExpression() };
  }

  /**
   * A column to write: a name, or a dotted path (`data__connector.class`), kept as one string.
   * A `+` written against the name is part of it: BigQuery's `+datasetId` (see parameterName).
   */
  private parseColumnName(): string {
    const { c } = this;
    const plusAgainstName = c.isOperator('+') && c.peek(1).kind === 'word' && c.peek(1).pos.offset === c.peek().end;
    const plus = plusAgainstName ? c.next().text : '';
    const parts = [this.expressions.parseName('a column name')];
    while (c.acceptOperator('.')) parts.push(this.expressions.parseName("a name after '.'"));
    return plus + parts.join('.');
  }

  private parseDelete(hints: string[]): DeleteStatement {
    const { c } = this;
    c.expectKeyword('DELETE');
    this.parseHints(hints);
    c.expectKeyword('FROM');
    const target = this.parseQualifiedName('a resource name');
    const where = c.acceptKeyword('WHERE') ? this.parseWhere() : [];
    return { kind: 'delete', hints, target, where, returning: this.parseReturning() };
  }

  // ---- EXEC --------------------------------------------------------------------------------

  private parseExec(hints: string[]): ExecStatement {
    const { c } = this;
    c.next();
    this.parseHints(hints);
    const statement: ExecStatement = { kind: 'exec', hints, target: this.parseQualifiedName('a method name'), args: [] };
    while (true) {
      const token = c.peek();
      if (token.kind === 'variable') {
        c.next();
        const value = this.parseArgumentValue(token);
        const arg: ExecArg = { name: token.value, value, required: c.requiredAfter(c.index - 1) };
        statement.args.push(arg);
      } else if (token.kind === 'systemVariable') {
        if (token.value.toLowerCase() !== 'json') c.error(`unknown system variable ${token.text}: only @@json is supported`, token.pos);
        if (statement.json !== undefined) c.error('@@json is given twice', token.pos);
        c.next();
        statement.json = this.parseArgumentValue(token);
      } else {
        return statement;
      }
      // Arguments are separated by commas, but the docs often hide the comma inside the trailing
      // comment (`@a='{{ a }}' --required,`) or drop it at a line end: a line break or a comment
      // also separates.
      if (c.acceptOperator(',')) {
        const after = c.peek();
        if (after.kind !== 'variable' && after.kind !== 'systemVariable') c.fail("an argument after ','");
        continue;
      }
      const after = c.peek();
      const isArgument = after.kind === 'variable' || after.kind === 'systemVariable';
      if (isArgument && !after.lineBreakBefore && after.comments.length === 0) c.fail("',' between arguments");
    }
  }

  private parseArgumentValue(name: Token): Literal {
    const { c } = this;
    c.expectOperator('=');
    const literal = this.expressions.tryLiteral();
    if (literal !== undefined) return literal;
    // -5: a negative number, still a literal.
    if (c.isOperator('-') && c.peek(1).kind === 'number') {
      c.next();
      return { type: 'number', value: `-${c.next().value}` };
    }
    return c.fail(`a literal value for ${name.text}`);
  }

  // ---- SHOW / DESCRIBE ---------------------------------------------------------------------

  private parseShow(hints: string[]): ShowStatement {
    const { c } = this;
    c.expectKeyword('SHOW');
    this.parseHints(hints);
    const extended = c.acceptKeyword('EXTENDED');
    const what = c.peek();
    let statement: ShowStatement;
    switch (what.keyword) {
      case 'PROVIDERS':
      case 'SERVICES':
      case 'RESOURCES':
      case 'METHODS':
      case 'VERSION':
        c.next();
        statement = { kind: 'show', extended, what: what.keyword.toLowerCase() as ShowStatement['what'] };
        if (c.acceptKeyword('IN') || c.acceptKeyword('FROM')) statement.in = this.parseQualifiedName('a provider, service or resource name');
        break;
      case 'INSERT':
        c.next();
        this.parseHints(hints);
        c.expectKeyword('INTO');
        statement = { kind: 'show', extended, what: 'insert', in: this.parseQualifiedName('a resource name') };
        break;
      default:
        return c.fail('PROVIDERS, SERVICES, RESOURCES, METHODS, INSERT or VERSION');
    }
    if (hints.length > 0) statement.hints = hints;
    if (c.acceptKeyword('LIKE')) {
      const pattern = c.peek();
      if (pattern.kind !== 'string') c.fail('a quoted pattern after LIKE');
      statement.like = c.next().value;
    }
    return statement;
  }

  private parseDescribe(): DescribeStatement {
    const { c } = this;
    c.next();
    const method = c.acceptKeyword('METHOD');
    const extended = c.acceptKeyword('EXTENDED');
    const statement: DescribeStatement = { kind: 'describe', extended, target: this.parseQualifiedName('a resource name') };
    if (method) statement.method = true;
    return statement;
  }

  // ---- shared pieces -----------------------------------------------------------------------

  /** provider.service.resource[.method]; each part a word or quoted identifier. */
  private parseQualifiedName(what: string): QualifiedName {
    const { c } = this;
    const first = c.peek();
    if (first.kind !== 'word' && first.kind !== 'quoted') c.fail(what);
    const parts = [c.next().value];
    while (c.acceptOperator('.')) parts.push(this.expressions.parseName(`a name after '.' in ${parts.join('.')}`));
    return { parts };
  }

  private parseList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.c.acceptOperator(',')) items.push(item());
    return items;
  }

  /** A comma-separated list whose items may each be followed by a `required` marker comment. */
  private parseListWithMarkers<T>(item: () => T): { value: T; required: boolean }[] {
    return this.parseList(() => {
      const value = item();
      return { value, required: this.c.requiredAfter(this.c.index - 1) };
    });
  }
}

type ColumnExpr = Extract<Expr, { type: 'column' }>;

/**
 * `name <op> value` (or `value <op> name`, op mirrored) with a literal value: the shape in which a
 * WHERE clause passes a parameter.
 */
function asParameter(expr: Expr, templates: boolean): Pick<Predicate, 'name' | 'op' | 'value'> | undefined {
  if (expr.type !== 'binary') return undefined;
  const { op } = expr;
  const isPattern = op === 'LIKE' || op === 'NOT LIKE';
  if (FLIPPED[op] === undefined && !isPattern) return undefined;
  const left = parameterName(expr.left);
  const right = parameterName(expr.right);
  if (left !== undefined) {
    const value = parameterValue(expr.right, templates);
    if (value !== undefined) return { name: left, op, value };
  }
  if (right !== undefined && !isPattern && expr.left.type === 'literal') {
    return { name: right, op: FLIPPED[op], value: expr.left.value };
  }
  return undefined;
}

/**
 * The parameter a column reference names, dotted path included. Google's BigQuery parameters are
 * documented as `+datasetId` (from the `{+datasetId}` URL template) and the docs write
 * `+datasetId = '...'`: a unary plus on a column, which names the parameter `+datasetId`.
 */
function parameterName(expr: Expr): string | undefined {
  if (expr.type === 'unary' && expr.op === '+' && expr.operand.type === 'column') {
    const name = parameterName(expr.operand);
    return name === undefined ? undefined : `+${name}`;
  }
  if (expr.type !== 'column') return undefined;
  return expr.table === undefined ? expr.name : `${expr.table}.${expr.name}`;
}

/** A literal, or a "double-quoted" name standing for a string as SQLite reads it (see ColumnExpr.doubleQuoted). */
function parameterValue(expr: Expr, templates: boolean): Literal | undefined {
  if (expr.type === 'literal') return expr.value;
  if (isDoubleQuotedString(expr)) return stringLiteral(expr.name, `"${expr.name.replaceAll('"', '""')}"`, templates);
  return undefined;
}

function isDoubleQuotedString(expr: Expr): expr is ColumnExpr {
  return expr.type === 'column' && expr.doubleQuoted === true && expr.table === undefined;
}

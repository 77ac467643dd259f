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
import { ExpressionParser, isComparisonOperator, startsExpression } from './expressions.ts';
import { pairColumnsAndValues } from './insert-pairing.ts';
import { tokenize, type Token } from './lexer.ts';
import { readTolerantList, skipHoles, type ListGrammar, type TolerantList } from './lists.ts';
import { asParameter } from './parameters.ts';
import { RepairLog, type Repair } from './repairs.ts';

export { StatementSyntaxError } from './errors.ts';

export interface ParseOptions {
  /**
   * Read Jinja placeholders (default true): bare `{{ x }}` is a value, and a quoted string
   * containing `{{ ... }}` becomes a placeholder or template literal. The mock passes false, so a
   * client's string is always just a string, whatever it contains.
   */
  templates?: boolean;
  /**
   * Docs mode: repair what the docs' page generator left broken instead of refusing it, and report
   * each repair here (see RepairCode for what is repaired). Called only when the parse succeeds,
   * once per repair, in source order. Text that is no statement at all still throws. Without it
   * (the mock) the grammar is strict.
   */
  onRepair?: (repair: Repair) => void;
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
  parser.log.flush();
  return statement;
}

/**
 * Parses `;`-separated statements. The last `;` is optional, and text with no statement at all
 * (empty, or only comments) gives []. An empty statement between two `;` is an error.
 */
export function parseStatements(sql: string, options: ParseOptions = {}): Statement[] {
  return parseStatementsWithSpans(sql, options).map((parsed) => parsed.statement);
}

/** A statement and where its text lies in the text parsed. */
export interface StatementSpan {
  statement: Statement;
  /** Offset of its first token (a leading hint included; comments before it are not). */
  start: number;
  /**
   * Offset just past its text: past its `;` when it has one, and past a comment on the same line
   * after that (`'{{ x }}' -- required;` keeps its marker), so `sql.slice(start, end)` reads alone.
   */
  end: number;
  /** 1-based line of its first token. */
  line: number;
}

/** parseStatements, with each statement's span: a doc block holding several statements gives one example each. */
export function parseStatementsWithSpans(sql: string, options: ParseOptions = {}): StatementSpan[] {
  const parser = new StatementParser(sql, options);
  const { c } = parser;
  const spans: StatementSpan[] = [];
  while (!c.atEnd()) {
    const first = c.peek();
    const statement = parser.parseOne();
    if (!c.atEnd() && !c.acceptOperator(';')) c.fail("';' or end of input");
    spans.push({ statement, start: first.pos.offset, end: spanEnd(sql, c.previous, c.peek()), line: first.pos.line });
  }
  parser.log.flush();
  return spans;
}

/** The end of a statement whose last token is `last`: extended over comments on the same line before `next`. */
function spanEnd(sql: string, last: Token, next: Token): number {
  let end = last.end;
  for (const comment of next.comments) {
    if (sql.slice(end, comment.pos.offset).includes('\n')) break;
    end = comment.pos.offset + comment.text.length;
  }
  return end;
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
const STATEMENT_KEYWORDS = 'a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE)';

class StatementParser {
  readonly c: Cursor;
  readonly log: RepairLog;
  private readonly expressions: ExpressionParser;

  constructor(sql: string, options: ParseOptions) {
    const templates = options.templates ?? true;
    const tokens = tokenize(sql, { templates, bracketNames: options.onRepair !== undefined });
    this.c = new Cursor(tokens, sql, templates);
    this.log = new RepairLog(options.onRepair);
    for (const t of tokens) {
      if (t.bracketed) this.log.add('sql/unquoted-name', `the name ${t.text} is not quoted; read as the name "${t.value}"`, t.pos);
    }
    this.expressions = new ExpressionParser(this.c);
  }

  /** Docs mode: see ParseOptions.onRepair. */
  private get repairing(): boolean {
    return this.log.enabled;
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
    const select = c.expectKeyword('SELECT');
    this.parseHints(hints);
    const distinct = this.parseDistinct();
    const columns = this.parseSelectColumns(select);
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
    if (c.isKeyword('WHERE')) statement.where = this.parseWhere(c.next());
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

  /** The columns after SELECT or RETURNING (`clause`). */
  private parseSelectColumns(clause: Token): SelectColumn[] {
    if (!this.repairing) return this.parseList(() => this.parseSelectColumn());
    const list = readTolerantList(this.c, this.log, this.selectListGrammar(`the ${clause.keyword} list`, () => this.parseSelectColumn()));
    if (list.empty) this.log.add('sql/empty-clause', `${clause.keyword} lists no columns; read as an empty list`, clause.pos);
    return skipHoles(list, this.log, `the ${clause.keyword} list`);
  }

  /** A select list (of columns, or of INSERT values): an item starts an expression, FROM ends the list. */
  private selectListGrammar<T>(what: string, item: () => T): ListGrammar<T> {
    const { c } = this;
    return {
      what,
      canStart: () => startsExpression(c.peek()) && !this.fromEndsSelectList(),
      item,
    };
  }

  /** FROM where a column should be, and not itself a column (SELECT from, to FROM ...): the list is over. */
  private fromEndsSelectList(): boolean {
    const { c } = this;
    return c.isKeyword('FROM') && !c.isOperator(',', 1) && !c.isKeyword('FROM', 1);
  }

  private parseSelectColumn(): SelectColumn {
    const { c } = this;
    const start = c.index;
    // `from` can be a column (SELECT from, to FROM ...), but FROM followed by anything else means
    // the column list is empty; say so rather than read FROM as a column and trip over the next word.
    if (this.fromEndsSelectList()) c.fail('a column or *');
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
        kind = JOIN_KINDS[c.next().keyword]!;
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

  /** The condition after `where` (the WHERE token, just read), split into its top-level AND conjuncts. */
  private parseWhere(where: Token): Predicate[] {
    if (!this.repairing) {
      const condition = this.expressions.parseExpression();
      return this.conjuncts(condition).map((expr) => this.predicate(expr));
    }
    const { c } = this;
    const next = c.peek();
    if (!isComparisonOperator(next) && !startsExpression(next)) {
      this.log.add('sql/empty-clause', 'WHERE has no condition; read as none', where.pos);
      return [];
    }
    const dropped = new Set<Expr>();
    this.expressions.nameless = dropped;
    const condition = this.expressions.parseExpression();
    this.expressions.nameless = undefined;
    const kept: Expr[] = [];
    for (const expr of this.conjuncts(condition)) {
      if (!dropped.delete(expr)) {
        kept.push(expr);
        continue;
      }
      const span = this.expressions.spanOf(expr);
      const text = c.sql.slice(c.tokens[span.start]!.pos.offset, c.tokens[span.end]!.end);
      this.log.add('sql/empty-name', `a WHERE comparison has no name: \`${text}\` is dropped`, c.tokens[span.start]!.pos);
    }
    // A nameless comparison inside parentheses or under OR cannot be dropped without changing the
    // condition's meaning: refuse it as the strict grammar does.
    for (const expr of dropped) c.fail('an expression', c.tokens[this.expressions.spanOf(expr).start]);
    return kept.map((expr) => this.predicate(expr));
  }

  private conjuncts(expr: Expr): Expr[] {
    if (expr.type === 'binary' && expr.op === 'AND') return [...this.conjuncts(expr.left), ...this.conjuncts(expr.right)];
    return [expr];
  }

  private predicate(expr: Expr): Predicate {
    const span = this.expressions.spanOf(expr);
    const predicate: Predicate = { expr, required: this.c.requiredAfter(span.end), pos: this.c.tokens[span.start]!.pos };
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
    const open = c.peek();
    if (!c.isOperator('(')) c.fail("'(' and the column list");
    c.next();
    const columns = this.parseItems({
      what: 'the INSERT column list',
      canStart: () => this.startsColumnName(),
      item: () => this.parseColumnName(),
    });
    if (columns.empty) this.log.add('sql/empty-clause', 'the INSERT column list is empty; read as no columns', open.pos);
    c.expectOperator(')');

    const source = c.peek();
    let values: TolerantList<InsertItem>;
    let from = false;
    if (c.acceptKeyword('SELECT')) {
      const item = this.marked(() => {
        const column = this.parseSelectColumn();
        return { expr: column.expr, column };
      });
      values = this.parseItems(this.selectListGrammar('the SELECT list', item));
      from = c.acceptKeyword('FROM');
    } else if (c.acceptKeyword('VALUES')) {
      c.expectOperator('(');
      const item = this.marked(() => ({ expr: this.expressions.parseExpression() }));
      values = this.parseItems({ what: 'the VALUES list', canStart: () => startsExpression(c.peek()), item });
      c.expectOperator(')');
      if (c.isOperator(',')) c.error('INSERT ... VALUES takes a single row');
    } else {
      return c.fail('SELECT or VALUES');
    }
    if (values.empty) this.log.add('sql/empty-clause', `${source.keyword} lists no values; read as none`, source.pos);
    // In strict mode the lists hold no empty items (the grammar refused them), so this pairs them
    // one to one whenever the counts match, which is checked below.
    const pairs = pairColumnsAndValues(columns, values, `the ${source.keyword} list`, this.log);
    const select = from ? this.parseSelectFrom([], pairs.map((pair) => pair.value.column as SelectColumn), false) : undefined;
    if (!this.repairing && values.slots.length !== columns.slots.length) {
      const [nc, nv] = [columns.slots.length, values.slots.length];
      c.error(
        `INSERT lists ${nc} column${nc === 1 ? '' : 's'} but ${nv} value${nv === 1 ? '' : 's'}: the counts must match`,
        source.pos,
      );
    }
    const statement: InsertStatement = {
      kind: 'insert',
      hints,
      target,
      columns: pairs.map((pair) => pair.column),
      values: pairs.map(({ column, value }): InsertValue => ({ column, value: value.expr, required: value.required })),
      returning: this.parseReturning(),
    };
    if (ignore) statement.ignore = true;
    if (select !== undefined) statement.select = select;
    return statement;
  }

  /** Whether an INSERT column name starts at the cursor (see parseColumnName). */
  private startsColumnName(): boolean {
    const { c } = this;
    const token = c.peek();
    return token.kind === 'word' || token.kind === 'quoted' || (c.isOperator('+') && c.peek(1).kind === 'word');
  }

  /** `item`, with whether a `required` marker follows it. */
  private marked<T extends object>(item: () => T): () => T & { required: boolean } {
    return () => {
      const value = item();
      return { ...value, required: this.c.requiredAfter(this.c.index - 1) };
    };
  }

  /**
   * A comma list: in docs mode read tolerantly (empty items, `...`, an empty list), otherwise by
   * the strict grammar, which refuses all of those; either way as slots, so callers handle both alike.
   */
  private parseItems<T>(grammar: ListGrammar<T>): TolerantList<T> {
    if (this.repairing) return readTolerantList(this.c, this.log, grammar);
    const { c } = this;
    const slots = this.parseList(() => {
      const start = c.index;
      const pos = c.peek().pos;
      const value = grammar.item();
      // Items are dropped only in docs mode (a nameless SET assignment), never here.
      if (value === undefined) throw new Error('internal error: a list item was dropped in strict mode');
      return { kind: 'item' as const, value, pos, text: c.textFrom(start) };
    });
    return { slots, empty: false };
  }

  private parseReturning(): SelectColumn[] {
    const { c } = this;
    return c.isKeyword('RETURNING') ? this.parseSelectColumns(c.next()) : [];
  }

  // ---- UPDATE / REPLACE / DELETE -----------------------------------------------------------

  private parseUpdate(hints: string[]): UpdateStatement {
    const { c } = this;
    const kind = c.next().keyword === 'UPDATE' ? 'update' : 'replace';
    this.parseHints(hints);
    const target = this.parseQualifiedName('a resource name');
    const setToken = c.expectKeyword('SET');
    let set: Assignment[];
    if (this.repairing) {
      const item = (): Assignment | undefined => {
        const assignment = this.parseAssignmentOrNameless();
        return assignment && { ...assignment, required: c.requiredAfter(c.index - 1) };
      };
      const list = readTolerantList(c, this.log, { what: 'the SET list', canStart: () => this.startsAssignment(), item });
      if (list.empty) this.log.add('sql/empty-clause', 'SET has no assignments; read as none', setToken.pos);
      set = skipHoles(list, this.log, 'the SET list');
    } else {
      // As with FROM in a select list: WHERE can name a column, but not when no `=` follows.
      if (c.isKeyword('WHERE') && !c.isOperator('=', 1)) c.fail('an assignment after SET');
      set = this.parseListWithMarkers(() => this.parseAssignment()).map(({ value, required }): Assignment => ({ ...value, required }));
    }
    const where = c.isKeyword('WHERE') ? this.parseWhere(c.next()) : [];
    return { kind, hints, target, set, where, returning: this.parseReturning() };
  }

  /** Docs mode: whether an assignment, or a nameless `= value`, starts at the cursor. */
  private startsAssignment(): boolean {
    const { c } = this;
    if (c.isOperator('=')) return true;
    const clause = c.isKeyword('WHERE') || c.isKeyword('RETURNING');
    return this.startsColumnName() && !(clause && !c.isOperator('=', 1));
  }

  /** Docs mode: an assignment, or undefined for `= value` with no column, which is read, reported and dropped. */
  private parseAssignmentOrNameless(): { column: string; value: Expr } | undefined {
    const { c } = this;
    if (!c.isOperator('=')) return this.parseAssignment();
    const start = c.index;
    c.next();
    this.expressions.parseExpression();
    this.log.add('sql/empty-name', `an assignment has no column name: \`${c.textFrom(start)}\` is dropped`, c.tokens[start]!.pos);
    return undefined;
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
    const where = c.isKeyword('WHERE') ? this.parseWhere(c.next()) : [];
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

/** An INSERT value: from `SELECT v, ...` (with its select column, for INSERT ... SELECT ... FROM) or `VALUES (v, ...)`. */
interface InsertItem {
  expr: Expr;
  column?: SelectColumn;
  required: boolean;
}

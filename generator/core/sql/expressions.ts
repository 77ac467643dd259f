/**
 * (Over 300 lines: one grammar, one precedence ladder; its depth limits must see every level.)
 *
 * The expression grammar (WHERE conditions, select columns, values, assignments).
 *
 * Precedence, loosest first: OR, XOR, AND, NOT, comparisons (= <> != < <= > >= IS LIKE REGEXP
 * IN BETWEEN), |, &, + -, * / %, ||, unary - + ~. `||` binds tightest, as in SQLite, where StackQL
 * evaluates it as string concatenation.
 *
 * Keywords are not reserved in operand position: the docs have parameters called `like`, `from`,
 * `select`, `end`, `limit`, `order` (`AND like = '{{ like }}'`). A word is a column unless it is one
 * of the few that begin an expression of their own (NULL, TRUE, FALSE, CASE, CAST(, NOT) or is
 * AND / OR / XOR.
 */
import type { Expr, Literal } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { splitPlaceholder, stringLiteral } from './placeholders.ts';
import type { Token } from './lexer.ts';

/**
 * How deep the grammar may recurse (nested parentheses, NOT, unary signs, calls, CASE...). Each
 * level costs about twenty stack frames here, so this keeps the parser far from the stack limit
 * even when it is called deep inside someone else's stack; real statements nest a handful of levels.
 */
export const MAX_NESTING = 100;
/**
 * How deep the finished tree may be. Left-associative operator chains (`a + b + c ...`) are read in
 * a loop but make a tree one level deeper per operator, and everything that walks the tree later
 * (the mock's renderer, JSON, a user's visitor) recurses: this bounds all of them. SQLite itself
 * refuses expressions deeper than 1000. AND and OR chains do not count against it: see
 * balancedChain.
 */
export const MAX_DEPTH = 256;

const XOR = ['XOR'];

/** Token indexes of the first and last token of a node. */
export interface Span {
  start: number;
  end: number;
}

const COMPARISON_OPERATORS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
/** Keyword operators that take a NOT in front: a NOT LIKE b. */
const PATTERN_OPERATORS = new Set(['LIKE', 'REGEXP', 'RLIKE', 'GLOB']);

export class ExpressionParser {
  /**
   * Where each node came from. Kept beside the tree, not in it, because the tree is stored as JSON;
   * the statement parser needs spans to find each WHERE conjunct's position and trailing comments.
   */
  private readonly spans = new Map<Expr, Span>();
  /** Tree depth of each node (a leaf is 1): checked against MAX_DEPTH as nodes are made. */
  private readonly depths = new Map<Expr, number>();
  /** Current recursion depth of the grammar: checked against MAX_NESTING. */
  private nesting = 0;

  /**
   * Docs mode, while reading a WHERE clause: comparisons with no left side (`WHERE  = '{{  }}'`,
   * the page generator's empty parameter name) are read rather than refused, and collected here.
   * Only where a condition starts after WHERE or AND; the statement parser then drops those that
   * are top-level conjuncts and refuses any other (inside parentheses, say), so none reaches the tree.
   */
  nameless: Set<Expr> | undefined;

  constructor(private readonly c: Cursor) {}

  spanOf(expr: Expr): Span {
    const span = this.spans.get(expr);
    if (span === undefined) throw new Error('internal error: expression has no recorded span');
    return span;
  }

  private node<T extends Expr>(start: number, expr: T, end = this.c.index - 1): T {
    this.spans.set(expr, { start, end });
    const depth = 1 + deepestChild(expr, this.depths);
    if (depth > MAX_DEPTH) {
      this.c.error(`the expression is nested too deeply: more than ${MAX_DEPTH} levels (operators chained, parentheses, functions)`, this.c.tokens[start]!.pos);
    }
    if (depth > 1) this.depths.set(expr, depth);
    return expr;
  }

  /**
   * One level deeper in the grammar's recursion; refused past MAX_NESTING. Paired with
   * `this.nesting--` on the way out (no try/finally: a syntax error ends the whole parse).
   */
  private enter(): void {
    if (this.nesting >= MAX_NESTING) {
      this.c.error(`the expression is nested too deeply: more than ${MAX_NESTING} levels of parentheses, NOT, signs, calls or CASE`);
    }
    this.nesting++;
  }

  parseExpression(): Expr {
    this.enter();
    const expr = this.balancedChain('OR');
    this.nesting--;
    return expr;
  }

  /** The operands of OR and AND chains (bound once: the chains are read for every expression). */
  private readonly readXor = (): Expr => this.parseBinaryKeyword(XOR, this.readAnd);
  private readonly readAnd = (): Expr => this.balancedChain('AND');
  private readonly readNot = (): Expr => this.parseNot();

  /**
   * `a AND b AND c ...` (or OR): the operands are read in a loop and built into a balanced tree,
   * not a left-leaning one. Both operators are associative, so the meaning is the same, but a
   * 10,000-term WHERE then makes a tree 14 levels deep instead of 10,000, and nothing that walks
   * it can run out of stack. Up to three terms the tree is the usual left-leaning one.
   */
  private balancedChain(keyword: 'AND' | 'OR'): Expr {
    const { c } = this;
    const first = c.index;
    const operand = keyword === 'OR' ? this.readXor : this.readNot;
    const head = operand();
    if (c.peek().keyword !== keyword) return head;
    const terms: { expr: Expr; start: number; end: number }[] = [{ expr: head, start: first, end: c.index - 1 }];
    while (c.peek().keyword === keyword) {
      c.next();
      const start = c.index;
      terms.push({ expr: operand(), start, end: c.index - 1 });
    }
    const build = (from: number, to: number): Expr => {
      if (to - from === 1) return terms[from]!.expr;
      const middle = from + Math.ceil((to - from) / 2);
      const left = build(from, middle);
      const right = build(middle, to);
      return this.node(terms[from]!.start, { type: 'binary', op: keyword, left, right }, terms[to - 1]!.end);
    };
    return build(0, terms.length);
  }

  private parseBinaryKeyword(keywords: string[], operand: () => Expr): Expr {
    const start = this.c.index;
    let left = operand();
    while (keywords.includes(this.c.peek().keyword)) {
      const op = this.c.next().keyword;
      left = this.node(start, { type: 'binary', op, left, right: operand() });
    }
    return left;
  }

  private parseNot(): Expr {
    const start = this.c.index;
    if (this.atNamelessComparison()) return this.parseNamelessComparison();
    if (this.c.acceptKeyword('NOT')) {
      this.enter();
      const operand = this.parseNot();
      this.nesting--;
      return this.node(start, { type: 'unary', op: 'NOT', operand });
    }
    return this.parseComparison();
  }

  private atNamelessComparison(): boolean {
    const { c } = this;
    if (this.nameless === undefined || c.index === 0) return false;
    const after = c.previous.keyword;
    return isComparisonOperator(c.peek()) && (after === 'WHERE' || after === 'AND');
  }

  /** `= value` with the name missing: read as a comparison with an empty column, for the caller to drop. */
  private parseNamelessComparison(): Expr {
    const start = this.c.index;
    const op = this.c.next().text;
    const expr = this.node(start, { type: 'binary', op, left: { type: 'column', name: '' }, right: this.parseBitOr() });
    this.nameless?.add(expr);
    return expr;
  }

  private parseComparison(): Expr {
    const { c } = this;
    const start = c.index;
    let left = this.parseBitOr();
    while (true) {
      const token = c.peek();
      if (token.kind === 'operator' && COMPARISON_OPERATORS.has(token.text)) {
        c.next();
        left = this.node(start, { type: 'binary', op: token.text, left, right: this.parseBitOr() });
        continue;
      }
      if (token.keyword === 'IS') {
        c.next();
        const not = c.acceptKeyword('NOT');
        left = this.node(start, { type: 'is', operand: left, not, right: this.parseBitOr() });
        continue;
      }
      // NOT only continues a comparison as NOT LIKE / NOT IN / NOT BETWEEN / NOT REGEXP.
      const negated = token.keyword === 'NOT';
      const keyword = c.peek(negated ? 1 : 0).keyword;
      if (PATTERN_OPERATORS.has(keyword)) {
        if (negated) c.next();
        c.next();
        const op = negated ? `NOT ${keyword}` : keyword;
        left = this.node(start, { type: 'binary', op, left, right: this.parseBitOr() });
      } else if (keyword === 'IN') {
        if (negated) c.next();
        c.next();
        left = this.node(start, { type: 'in', operand: left, list: this.parseInList(), not: negated });
      } else if (keyword === 'BETWEEN') {
        if (negated) c.next();
        c.next();
        const low = this.parseBitOr();
        c.expectKeyword('AND');
        const high = this.parseBitOr();
        left = this.node(start, { type: 'between', operand: left, low, high, not: negated });
      } else {
        return left;
      }
    }
  }

  private parseInList(): Expr[] {
    const { c } = this;
    c.expectOperator('(');
    if (c.isKeyword('SELECT')) c.error('subqueries are not supported');
    const list = [this.parseExpression()];
    while (c.acceptOperator(',')) list.push(this.parseExpression());
    c.expectOperator(')');
    return list;
  }

  private parseBitOr(): Expr {
    return this.parseBinarySymbol(['|'], () => this.parseBinarySymbol(['&'], () => this.parseAdditive()));
  }

  private parseAdditive(): Expr {
    return this.parseBinarySymbol(['+', '-'], () =>
      this.parseBinarySymbol(['*', '/', '%'], () => this.parseBinarySymbol(['||'], () => this.parseUnary())),
    );
  }

  private parseBinarySymbol(ops: string[], operand: () => Expr): Expr {
    const start = this.c.index;
    let left = operand();
    while (true) {
      const token = this.c.peek();
      if (token.kind !== 'operator' || !ops.includes(token.text)) return left;
      this.c.next();
      left = this.node(start, { type: 'binary', op: token.text, left, right: operand() });
    }
  }

  private parseUnary(): Expr {
    const { c } = this;
    const start = c.index;
    const token = c.peek();
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      c.next();
      this.enter();
      const operand = this.parseUnary();
      this.nesting--;
      // -5 is a number, not an operation: a predicate `x = -5` must still yield a literal value.
      if (token.text === '-' && operand.type === 'literal' && operand.value.type === 'number') {
        const digits = operand.value.value;
        const value = digits.startsWith('-') ? digits.slice(1) : `-${digits}`;
        return this.node(start, { type: 'literal', value: { type: 'number', value } });
      }
      return this.node(start, { type: 'unary', op: token.text, operand });
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const { c } = this;
    const start = c.index;
    const token = c.peek();
    const literal = this.tryLiteral();
    if (literal !== undefined) return this.node(start, { type: 'literal', value: literal });

    if (token.kind === 'operator' && token.text === '(') {
      c.next();
      if (c.isKeyword('SELECT')) c.error('subqueries are not supported');
      const expr = this.parseExpression();
      c.expectOperator(')');
      return this.node(start, { type: 'paren', expr });
    }
    if (token.kind === 'word') {
      if (token.keyword === 'CASE') return this.parseCase();
      if (c.isOperator('(', 1)) {
        if (token.keyword === 'CAST') return this.parseCast();
        if (token.keyword === 'EXISTS') c.error('subqueries are not supported');
        return this.parseCall();
      }
    }
    // The logical operators are the only words never read as a column: `WHERE AND x = 1` is a
    // missing condition, not a column named AND.
    const isLogical = token.keyword === 'AND' || token.keyword === 'OR' || token.keyword === 'XOR';
    if ((token.kind === 'word' && !isLogical) || token.kind === 'quoted') return this.parseColumn();
    return c.fail('an expression');
  }

  /**
   * A literal value at the cursor, consumed, or undefined (nothing consumed) when there is none.
   * Also used for EXEC arguments, whose values must be literals.
   */
  tryLiteral(): Literal | undefined {
    const { c } = this;
    const token = c.peek();
    let literal: Literal | undefined;
    switch (token.kind) {
      case 'string':
        literal = stringLiteral(token.value, token.text, c.templates);
        break;
      case 'number':
        literal = { type: 'number', value: token.value };
        break;
      case 'placeholder': {
        const { name, filters } = splitPlaceholder(token.value);
        literal = { type: 'placeholder', name, quoted: false, filters, raw: token.text };
        break;
      }
      case 'word':
        if (token.keyword === 'NULL') literal = { type: 'null' };
        else if (token.keyword === 'TRUE') literal = { type: 'boolean', value: true };
        else if (token.keyword === 'FALSE') literal = { type: 'boolean', value: false };
        break;
    }
    if (literal !== undefined) c.next();
    return literal;
  }

  /** A name as written: a word (keywords included) or a quoted identifier. */
  parseName(what: string): string {
    const token = this.c.peek();
    if (token.kind !== 'word' && token.kind !== 'quoted') this.c.fail(what);
    this.c.next();
    return token.value;
  }

  /** a, a.b, a.b.c ..., and t.* */
  private parseColumn(): Expr {
    const { c } = this;
    const start = c.index;
    const parts = [this.parseName('a column name')];
    while (c.isOperator('.')) {
      c.next();
      if (c.acceptOperator('*')) return this.node(start, { type: 'star', table: parts.join('.') });
      parts.push(this.parseName("a name after '.'"));
    }
    const column: Expr =
      parts.length === 1 ? { type: 'column', name: parts[0]! } : { type: 'column', table: parts[0]!, name: parts.slice(1).join('.') };
    if (c.previous.kind === 'quoted' && c.previous.text.startsWith('"')) column.doubleQuoted = true;
    return this.node(start, column);
  }

  private parseCall(): Expr {
    const { c } = this;
    const start = c.index;
    const name = c.next().value;
    c.expectOperator('(');
    const args: Expr[] = [];
    const distinct = c.acceptKeyword('DISTINCT');
    if (!c.isOperator(')')) {
      do args.push(this.parseArgument());
      while (c.acceptOperator(','));
    }
    c.expectOperator(')');
    return this.node(start, distinct ? { type: 'call', name, args, distinct } : { type: 'call', name, args });
  }

  /** A function argument: an expression, or the `*` of COUNT(*). */
  private parseArgument(): Expr {
    const start = this.c.index;
    if (this.c.acceptOperator('*')) return this.node(start, { type: 'star' });
    return this.parseExpression();
  }

  private parseCast(): Expr {
    const { c } = this;
    const start = c.index;
    c.next();
    c.expectOperator('(');
    const operand = this.parseExpression();
    c.expectKeyword('AS');
    const typeStart = c.index;
    this.parseName('a type name');
    // Type arguments: DECIMAL(10, 2), VARCHAR(255).
    if (c.acceptOperator('(')) {
      while (!c.isOperator(')') && !c.atEnd()) c.next();
      c.expectOperator(')');
    }
    const as = c.textFrom(typeStart);
    c.expectOperator(')');
    return this.node(start, { type: 'cast', operand, as });
  }

  private parseCase(): Expr {
    const { c } = this;
    const start = c.index;
    c.expectKeyword('CASE');
    const operand = c.isKeyword('WHEN') ? undefined : this.parseExpression();
    const whens: { when: Expr; then: Expr }[] = [];
    while (c.acceptKeyword('WHEN')) {
      const when = this.parseExpression();
      c.expectKeyword('THEN');
      whens.push({ when, then: this.parseExpression() });
    }
    if (whens.length === 0) c.fail('WHEN');
    const otherwise = c.acceptKeyword('ELSE') ? this.parseExpression() : undefined;
    c.expectKeyword('END');
    const expr: Expr = { type: 'case', whens };
    if (operand !== undefined) expr.operand = operand;
    if (otherwise !== undefined) expr.else = otherwise;
    return this.node(start, expr);
  }
}

/** `=`, `<>`, `<`, ...: the operators a WHERE parameter is compared with. */
export function isComparisonOperator(token: Token): boolean {
  return token.kind === 'operator' && COMPARISON_OPERATORS.has(token.text);
}

/** Whether a token can start an expression (used to tell SELECT DISTINCT x from a column named distinct). */
export function startsExpression(token: Token): boolean {
  if (token.kind === 'eof' || token.kind === 'hint' || token.kind === 'variable' || token.kind === 'systemVariable') {
    return false;
  }
  if (token.kind !== 'operator') return true;
  return ['(', '-', '+', '~', '*'].includes(token.text);
}

/** The greatest recorded depth among a node's direct children (a leaf child counts 1; no children: 0). */
function deepestChild(expr: Expr, depths: ReadonlyMap<Expr, number>): number {
  const d = (child: Expr) => depths.get(child) ?? 1;
  switch (expr.type) {
    case 'binary':
      return Math.max(d(expr.left), d(expr.right));
    case 'unary':
      return d(expr.operand);
    case 'paren':
      return d(expr.expr);
    case 'cast':
      return d(expr.operand);
    case 'is':
      return Math.max(d(expr.operand), d(expr.right));
    case 'between':
      return Math.max(d(expr.operand), d(expr.low), d(expr.high));
    case 'call': {
      let m = 0;
      for (const a of expr.args) m = Math.max(m, d(a));
      return m;
    }
    case 'in': {
      let m = d(expr.operand);
      for (const e of expr.list) m = Math.max(m, d(e));
      return m;
    }
    case 'case': {
      let m = expr.operand ? d(expr.operand) : 0;
      for (const w of expr.whens) m = Math.max(m, d(w.when), d(w.then));
      return expr.else ? Math.max(m, d(expr.else)) : m;
    }
    default:
      return 0;
  }
}

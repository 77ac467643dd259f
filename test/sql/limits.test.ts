/**
 * The parser's limits: nesting past them is a StatementSyntaxError with the position where the
 * limit was crossed, never a RangeError; AND/OR chains of any length parse, as shallow trees.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement, StatementSyntaxError, type Expr } from '../../generator/core/sql/index.ts';
import { MAX_DEPTH, MAX_NESTING } from '../../generator/core/sql/expressions.ts';

const parse = (sql: string) => parseStatement(sql, { templates: false });

function syntaxError(sql: string): StatementSyntaxError {
  try {
    parse(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementSyntaxError);
    return error as StatementSyntaxError;
  }
  throw new Error('expected a syntax error');
}

function depth(expr: Expr): number {
  switch (expr.type) {
    case 'binary':
      return 1 + Math.max(depth(expr.left), depth(expr.right));
    case 'unary':
      return 1 + depth(expr.operand);
    case 'paren':
      return 1 + depth(expr.expr);
    default:
      return 1;
  }
}

describe('nesting limits', () => {
  const cases: [string, (n: number) => string][] = [
    ['parentheses', (n) => `SELECT ${'('.repeat(n)}1${')'.repeat(n)} FROM a.b.c`],
    ['NOT', (n) => `SELECT * FROM a.b.c WHERE ${'NOT '.repeat(n)}x = 1`],
    ['unary minus', (n) => `SELECT ${'- '.repeat(n)}1 FROM a.b.c`],
    ['unary minus on a column', (n) => `SELECT ${'- '.repeat(n)}x FROM a.b.c`],
    ['function calls', (n) => `SELECT ${'f('.repeat(n)}1${')'.repeat(n)} FROM a.b.c`],
    ['CASE', (n) => `SELECT ${'CASE WHEN 1 THEN '.repeat(n)}1${' END'.repeat(n)} FROM a.b.c`],
    ['IN lists', (n) => `SELECT * FROM a.b.c WHERE ${'x IN ('.repeat(n)}1${')'.repeat(n)}`],
    ['CAST', (n) => `SELECT ${'CAST('.repeat(n)}1${' AS int)'.repeat(n)} FROM a.b.c`],
  ];
  for (const [name, make] of cases) {
    it(`${name}: up to the limit parses, far past it is a positioned syntax error`, () => {
      expect(() => parse(make(MAX_NESTING - 5))).not.toThrow();
      for (const n of [MAX_NESTING + 1, 20_000]) {
        const error = syntaxError(make(n));
        expect(error.reason).toMatch(/nested too deeply: more than \d+ levels/);
        expect(error.line).toBe(1);
        expect(error.column).toBeGreaterThan(1);
      }
    });
  }

  it('a long chain of a left-associative operator is refused by the tree-depth limit', () => {
    const chain = (n: number) => `SELECT ${Array.from({ length: n }, (_, i) => `c${i}`).join(' + ')} FROM a.b.c`;
    expect(() => parse(chain(MAX_DEPTH - 1))).not.toThrow();
    const error = syntaxError(chain(MAX_DEPTH + 10));
    expect(error.reason).toContain(`more than ${MAX_DEPTH} levels`);
    expect(error.column).toBe(8);
  });
});

describe('AND / OR chains', () => {
  it('a 20,000-term AND gives 20,000 WHERE predicates, in source order', () => {
    const n = 20_000;
    const st = parse(`SELECT * FROM a.b.c WHERE ${Array.from({ length: n }, (_, i) => `x${i} = ${i}`).join(' AND ')}`);
    if (st.kind !== 'select') throw new Error('select expected');
    expect(st.where).toHaveLength(n);
    expect(st.where[0].name).toBe('x0');
    expect(st.where[n - 1].name).toBe(`x${n - 1}`);
    expect(st.where[n - 1].pos.column).toBeGreaterThan(1);
  });

  it('a 20,000-term OR is one predicate whose tree is balanced (depth about log2 n)', () => {
    const n = 20_000;
    const st = parse(`SELECT * FROM a.b.c WHERE ${Array.from({ length: n }, (_, i) => `x = ${i}`).join(' OR ')}`);
    if (st.kind !== 'select') throw new Error('select expected');
    expect(st.where).toHaveLength(1);
    expect(depth(st.where[0].expr)).toBeLessThanOrEqual(17);
  });

  it('three terms keep the usual left-leaning shape', () => {
    const st = parse('SELECT * FROM a.b.c WHERE a = 1 OR b = 2 OR c = 3');
    if (st.kind !== 'select') throw new Error('select expected');
    const e = st.where[0].expr;
    expect(e.type === 'binary' && e.op === 'OR' && e.left.type === 'binary' && e.left.op === 'OR').toBe(true);
  });

  it('mixed AND/OR keeps precedence: AND binds tighter', () => {
    const st = parse('SELECT * FROM a.b.c WHERE a = 1 OR b = 2 AND c = 3 OR d = 4');
    if (st.kind !== 'select') throw new Error('select expected');
    expect(st.where).toHaveLength(1);
    const e = st.where[0].expr;
    if (e.type !== 'binary') throw new Error('binary expected');
    expect(e.op).toBe('OR');
  });
});

/**
 * Statement tree → SQLite text, for the part of a SELECT that StackQL itself evaluates in SQLite
 * (residual predicates, functions, GROUP BY, ORDER BY...). Everything is rebuilt from the tree, never
 * copied from the client's text: names are always double-quoted, strings always single-quoted with
 * `''`, and function names must be plain words, so nothing a client sends can change the structure.
 */
import type { Expr, Literal } from '../../core/sql/index.js';
import { errors } from './errors.js';

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** How a column reference becomes SQL: the caller knows the table and alias layout. */
export type ColumnRenderer = (column: Extract<Expr, { type: 'column' }>) => string;

const PLAIN_FUNCTION = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SYMBOL_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '||', '|', '&', '+', '-', '*', '/', '%']);
const KEYWORD_OPS = new Set(['AND', 'OR', 'LIKE', 'NOT LIKE', 'GLOB', 'NOT GLOB', 'REGEXP', 'NOT REGEXP']);
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$/;

export function renderLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return quoteText(literal.value);
    case 'number':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(literal.value) ? literal.value : quoteText(literal.value);
    case 'boolean':
      return literal.value ? '1' : '0';
    case 'null':
      return 'NULL';
    case 'template':
      return quoteText(literal.value);
    case 'placeholder':
      return quoteText(literal.raw);
  }
}

export function renderExpr(expr: Expr, column: ColumnRenderer): string {
  const r = (e: Expr) => renderExpr(e, column);
  switch (expr.type) {
    case 'literal':
      return renderLiteral(expr.value);
    case 'column':
      return column(expr);
    case 'star':
      return expr.table === undefined ? '*' : `${quoteName(expr.table)}.*`;
    case 'paren':
      return `(${r(expr.expr)})`;
    case 'unary':
      if (expr.op === 'NOT') return `(NOT ${r(expr.operand)})`;
      return `(${expr.op}${r(expr.operand)})`;
    case 'binary': {
      const { op } = expr;
      const left = r(expr.left);
      const right = r(expr.right);
      if (SYMBOL_OPS.has(op) || KEYWORD_OPS.has(op)) return `(${left} ${op} ${right})`;
      switch (op) {
        case 'RLIKE':
          return `(${left} REGEXP ${right})`;
        case 'NOT RLIKE':
          return `(${left} NOT REGEXP ${right})`;
        case 'DIV':
          return `CAST((${left}) / (${right}) AS INTEGER)`;
        case 'MOD':
          return `(${left} % ${right})`;
        case 'XOR':
          return `((CASE WHEN ${left} THEN 1 ELSE 0 END) <> (CASE WHEN ${right} THEN 1 ELSE 0 END))`;
        default:
          throw errors.unsupported(`the operator ${op}`);
      }
    }
    case 'in':
      return `(${r(expr.operand)} ${expr.not ? 'NOT IN' : 'IN'} (${expr.list.map(r).join(', ')}))`;
    case 'between':
      return `(${r(expr.operand)} ${expr.not ? 'NOT BETWEEN' : 'BETWEEN'} ${r(expr.low)} AND ${r(expr.high)})`;
    case 'is':
      return `(${r(expr.operand)} ${expr.not ? 'IS NOT' : 'IS'} ${r(expr.right)})`;
    case 'cast':
      if (!TYPE_NAME.test(expr.as)) throw errors.unsupported(`CAST to '${expr.as}'`);
      return `CAST(${r(expr.operand)} AS ${expr.as})`;
    case 'case': {
      const parts = ['CASE'];
      if (expr.operand) parts.push(r(expr.operand));
      for (const w of expr.whens) parts.push(`WHEN ${r(w.when)} THEN ${r(w.then)}`);
      if (expr.else) parts.push(`ELSE ${r(expr.else)}`);
      parts.push('END');
      return `(${parts.join(' ')})`;
    }
    case 'call': {
      if (!PLAIN_FUNCTION.test(expr.name)) throw errors.unsupported(`the function name '${expr.name}'`);
      const args = expr.args.map(r).join(', ');
      return `${expr.name}(${expr.distinct ? 'DISTINCT ' : ''}${args})`;
    }
  }
}
